import Foundation

/// An sRGB colour with 8-bit channels, written as `#rrggbb`.
public struct RGBColor: Sendable, Hashable {
  public var red: UInt8
  public var green: UInt8
  public var blue: UInt8

  public init(red: UInt8, green: UInt8, blue: UInt8) {
    self.red = red
    self.green = green
    self.blue = blue
  }

  /// A colour from a 24-bit hex literal: `RGBColor(hex: 0x0072B2)`.
  public init(hex: UInt32) {
    self.init(red: UInt8((hex >> 16) & 0xFF), green: UInt8((hex >> 8) & 0xFF), blue: UInt8(hex & 0xFF))
  }

  /// `#rrggbb` in lower case.
  public var hex: String {
    let digits = Array("0123456789abcdef")
    var out = "#"
    for channel in [red, green, blue] {
      out.append(digits[Int(channel >> 4)])
      out.append(digits[Int(channel & 0x0F)])
    }
    return out
  }

  /// WCAG relative luminance (0 black … 1 white), for choosing black or white text on a fill.
  public var luminance: Double {
    func linear(_ c: UInt8) -> Double {
      let s = Double(c) / 255
      return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
    }
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
  }

  /// The WCAG 2 contrast ratio between two colours, 1 (same luminance) … 21 (black on white).
  public func contrast(with other: RGBColor) -> Double {
    let (a, b) = (luminance, other.luminance)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)
  }

  /// Dark text on light fills and white text on dark fills.
  public var contrastingText: RGBColor {
    luminance > 0.35 ? RGBColor(hex: 0x222222) : RGBColor(hex: 0xFFFFFF)
  }

  /// Linear interpolation in sRGB between `a` (t = 0) and `b` (t = 1).
  public static func mix(_ a: RGBColor, _ b: RGBColor, _ t: Double) -> RGBColor {
    let t = max(0, min(1, t.isFinite ? t : 0))
    func channel(_ x: UInt8, _ y: UInt8) -> UInt8 {
      UInt8(max(0, min(255, (Double(x) + (Double(y) - Double(x)) * t).rounded())))
    }
    return RGBColor(red: channel(a.red, b.red), green: channel(a.green, b.green), blue: channel(a.blue, b.blue))
  }
}
