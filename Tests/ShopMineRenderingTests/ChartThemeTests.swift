import Foundation
import XCTest

@testable import ShopMineRendering

/// Measures the chart colours: WCAG contrast of ink and marks against white and JupyterLab's dark
/// `#111111` (a chart in the `auto` theme is transparent and must read on both), and how far apart the
/// palette's colours are — CIEDE2000 under normal vision and simulated colour-vision deficiencies. The
/// numbers asserted are the ones docs/RENDERING.md and `Palette` state.
final class ChartThemeTests: XCTestCase {
  let white = ChartTheme.lightReference
  let black111 = ChartTheme.darkReference

  // MARK: - The measuring tools

  func testWCAGContrastFormulaOnKnownPairs() {
    XCTAssertEqual(RGBColor(hex: 0x000000).contrast(with: RGBColor(hex: 0xFFFFFF)), 21, accuracy: 1e-9)
    XCTAssertEqual(RGBColor(hex: 0x777777).contrast(with: RGBColor(hex: 0x777777)), 1, accuracy: 1e-9)
    // #767676 is the lightest grey with AA contrast (4.5:1) on white; #777777 just misses it.
    XCTAssertEqual(RGBColor(hex: 0x767676).contrast(with: white), 4.54, accuracy: 0.005)
    XCTAssertLessThan(RGBColor(hex: 0x777777).contrast(with: white), 4.5)
  }

  func testCIEDE2000MatchesSharmaWuDalalReferencePairs() {
    // Sharma, Wu & Dalal (2005), Table 1: pairs 1, 7, 17 and 25.
    XCTAssertEqual(ColorScience.deltaE2000((50, 2.6772, -79.7751), (50, 0, -82.7485)), 2.0425, accuracy: 1e-4)
    XCTAssertEqual(ColorScience.deltaE2000((50, 0, 0), (50, -1, 2)), 2.3669, accuracy: 1e-4)
    XCTAssertEqual(ColorScience.deltaE2000((50, 2.5, 0), (73, 25, -18)), 27.1492, accuracy: 1e-4)
    XCTAssertEqual(
      ColorScience.deltaE2000((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387)), 1.2644,
      accuracy: 1e-4)
  }

  // MARK: - Ink

  func testAutoInkIsTheGreyWithTheMostContrastOnBothBackgrounds() {
    let ink = ChartTheme.auto.ink
    let onWhite = ink.contrast(with: white)
    let onDark = ink.contrast(with: black111)
    XCTAssertEqual(onWhite, 4.35, accuracy: 0.005)
    XCTAssertEqual(onDark, 4.34, accuracy: 0.005)
    // No grey does better on both: one step lighter loses on white, one darker loses on #111111.
    for grey in (0...255).map({ RGBColor(red: UInt8($0), green: UInt8($0), blue: UInt8($0)) }) {
      XCTAssertLessThanOrEqual(
        min(grey.contrast(with: white), grey.contrast(with: black111)), min(onWhite, onDark) + 1e-9, grey.hex)
    }
    // Axes, gridline-free text, captions: everything the auto theme draws in ink reads at ≥ 4.3:1.
    for color in [ChartTheme.auto.ink, ChartTheme.auto.mutedInk, ChartTheme.auto.axis] {
      for background in ChartTheme.auto.backgrounds { XCTAssertGreaterThan(color.contrast(with: background), 4.3) }
    }
  }

  func testLightAndDarkThemesReachAAOnTheirOwnCard() throws {
    for theme in [ChartTheme.light, .dark] {
      let card = try XCTUnwrap(theme.background)
      XCTAssertEqual(theme.backgrounds, [card])
      XCTAssertGreaterThan(theme.ink.contrast(with: card), 15, theme.name.rawValue)
      XCTAssertGreaterThan(theme.mutedInk.contrast(with: card), 4.5, theme.name.rawValue)
      XCTAssertGreaterThan(theme.axis.contrast(with: card), 3, theme.name.rawValue)
      XCTAssertEqual(theme.separator, card, "separators cut gaps in the card's colour")
    }
    XCTAssertNil(ChartTheme.auto.background)
    XCTAssertNil(ChartTheme.auto.separator)
    XCTAssertEqual(ChartTheme.Name.allCases.map { ChartTheme.named($0).name }, ChartTheme.Name.allCases)
  }

  func testGridlinesAreFaintButVisibleOnBothBackgrounds() {
    // The auto grid is translucent grey: composited, it is a light grey on white and a dark grey on #111.
    let grid = ChartTheme.auto
    for background in grid.backgrounds {
      let seen = RGBColor.mix(background, grid.grid, grid.gridOpacity)
      let contrast = seen.contrast(with: background)
      XCTAssertGreaterThan(contrast, 1.2, "visible on \(background.hex)")
      XCTAssertLessThan(contrast, 2, "faint on \(background.hex): gridlines must not compete with marks")
    }
  }

  // MARK: - Palette

  func testPaletteHasTwelveDistinctColoursEachLegibleOnWhiteAndDark() {
    XCTAssertEqual(Palette.categorical.count, 12)
    XCTAssertEqual(Set(Palette.categorical).count, 12)
    XCTAssertFalse(Palette.categorical.contains(Palette.neutral))
    var worst = Double.infinity
    for color in Palette.categorical + [Palette.neutral] {
      let c = min(color.contrast(with: white), color.contrast(with: black111))
      worst = min(worst, c)
      XCTAssertGreaterThanOrEqual(c, 3, "\(color.hex): WCAG 1.4.11 asks 3:1 for graphical objects")
    }
    XCTAssertEqual(worst, 3.03, accuracy: 0.005)
    // The Okabe-Ito colours it keeps, first.
    XCTAssertEqual(Palette.categorical.prefix(3).map(\.hex), ["#0072b2", "#d55e00", "#009e73"])
  }

  func testPaletteColoursStayApartUnderColourVisionDeficiencies() {
    let palette = Palette.categorical
    let visions: [ColorScience.Vision] = [.normal, .deuteranopia, .protanopia]
    /// The smallest CIEDE2000 difference among the first k colours, under the worst of `visions`.
    func closest(_ colors: [RGBColor], _ visions: [ColorScience.Vision]) -> Double {
      var worst = Double.infinity
      for i in colors.indices {
        for j in colors.indices where j > i {
          for v in visions { worst = min(worst, ColorScience.difference(colors[i], colors[j], seenWith: v)) }
        }
      }
      return worst
    }
    // The table in `Palette`'s documentation, rounded down.
    let worstOfThree: [Int: Double] = [2: 49.6, 3: 18.1, 4: 13.1, 5: 12.6, 6: 9.0, 7: 8.5, 8: 8.5]
    let normal: [Int: Double] = [2: 49.6, 3: 38.4, 4: 38.4, 5: 24.4, 6: 24.4, 7: 22.8, 8: 21.3]
    for k in 2...8 {
      let first = Array(palette.prefix(k))
      XCTAssertGreaterThanOrEqual(closest(first, visions), worstOfThree[k]! - 0.05, "first \(k), worst vision")
      XCTAssertGreaterThanOrEqual(closest(first, [.normal]), normal[k]! - 0.05, "first \(k), normal vision")
    }
    // The four extra colours (second marker shape) stay ≥ 18.7 from every other in normal vision.
    for extra in palette.indices where extra >= Palette.distinguishable {
      for other in palette.indices where other != extra {
        XCTAssertGreaterThanOrEqual(
          ColorScience.difference(palette[extra], palette[other], seenWith: .normal), 18.7,
          "\(palette[extra].hex) vs \(palette[other].hex)")
      }
    }
    // Okabe-Ito in ShopMine's former order, for scale: the first five are no further apart for
    // colour-blind readers than ours.
    let okabeIto = [0x0072B2, 0xE69F00, 0x009E73, 0xD55E00, 0xCC79A7, 0x56B4E9, 0xF0E442, 0x000000]
      .map { RGBColor(hex: $0) }
    XCTAssertLessThan(closest(Array(okabeIto.prefix(5)), visions), closest(Array(palette.prefix(5)), visions))
    XCTAssertEqual(closest(okabeIto, visions), 11.6, accuracy: 0.05)
  }

  func testShapesAndDashesSeparateTheExtraColours() {
    for slot in 0..<Palette.distinguishable {
      XCTAssertEqual(Palette.shape(slot), .circle)
      XCTAssertEqual(Palette.dash(slot), [])
    }
    for slot in Palette.distinguishable..<Palette.categorical.count {
      XCTAssertEqual(Palette.shape(slot), .square)
      XCTAssertFalse(Palette.dash(slot).isEmpty)
    }
    XCTAssertNotEqual(Palette.otherShape, .circle)
    XCTAssertNotEqual(Palette.otherShape, .square)
    // Model plots past the palette (k-means with k = 20) wrap the colours with new shapes: no two of the
    // first 24 groups share colour and shape.
    let pairs = (0..<24).map { "\(Palette.color($0).hex) \(Palette.shape($0))" }
    XCTAssertEqual(Set(pairs).count, 24)
  }
}

/// CIELAB, CIEDE2000 and simulated colour-vision deficiency, for measuring the palette (test-only).
enum ColorScience {
  typealias Lab = (l: Double, a: Double, b: Double)

  /// Dichromacy after Machado, Oliveira & Fernandes (2009), severity 1, applied to linear sRGB.
  enum Vision {
    case normal, deuteranopia, protanopia

    var matrix: [[Double]] {
      switch self {
      case .normal: return [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
      case .protanopia:
        return [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
      case .deuteranopia:
        return [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
      }
    }
  }

  static func linear(_ c: UInt8) -> Double {
    let s = Double(c) / 255
    return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
  }

  /// CIELAB (D65) of a colour as seen with `vision`.
  static func lab(_ color: RGBColor, _ vision: Vision) -> Lab {
    let rgb = [linear(color.red), linear(color.green), linear(color.blue)]
    let m = vision.matrix
    let seen = (0..<3).map { i in min(1, max(0, (0..<3).reduce(0) { $0 + m[i][$1] * rgb[$1] })) }
    let x = 0.4124564 * seen[0] + 0.3575761 * seen[1] + 0.1804375 * seen[2]
    let y = 0.2126729 * seen[0] + 0.7151522 * seen[1] + 0.0721750 * seen[2]
    let z = 0.0193339 * seen[0] + 0.1191920 * seen[1] + 0.9503041 * seen[2]
    let white = (x: 0.95047, y: 1.0, z: 1.08883)
    func f(_ t: Double) -> Double { t > 216.0 / 24389 ? cbrt(t) : (24389.0 / 27 * t + 16) / 116 }
    let (fx, fy, fz) = (f(x / white.x), f(y / white.y), f(z / white.z))
    return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))
  }

  static func difference(_ a: RGBColor, _ b: RGBColor, seenWith vision: Vision) -> Double {
    deltaE2000(lab(a, vision), lab(b, vision))
  }

  /// CIEDE2000 colour difference (Sharma, Wu & Dalal 2005).
  static func deltaE2000(_ p: Lab, _ q: Lab) -> Double {
    func rad(_ d: Double) -> Double { d * .pi / 180 }
    func deg(_ r: Double) -> Double { r * 180 / .pi }
    let c1 = (p.a * p.a + p.b * p.b).squareRoot()
    let c2 = (q.a * q.a + q.b * q.b).squareRoot()
    let cMean = (c1 + c2) / 2
    let g = 0.5 * (1 - (pow(cMean, 7) / (pow(cMean, 7) + pow(25, 7))).squareRoot())
    let a1 = (1 + g) * p.a
    let a2 = (1 + g) * q.a
    let c1p = (a1 * a1 + p.b * p.b).squareRoot()
    let c2p = (a2 * a2 + q.b * q.b).squareRoot()
    func hue(_ b: Double, _ a: Double) -> Double {
      if a == 0 && b == 0 { return 0 }
      let h = deg(atan2(b, a))
      return h >= 0 ? h : h + 360
    }
    let h1 = hue(p.b, a1)
    let h2 = hue(q.b, a2)
    let dL = q.l - p.l
    let dC = c2p - c1p
    var dh = 0.0
    if c1p * c2p != 0 {
      dh = h2 - h1
      if dh > 180 { dh -= 360 } else if dh < -180 { dh += 360 }
    }
    let dH = 2 * (c1p * c2p).squareRoot() * sin(rad(dh / 2))
    let lMean = (p.l + q.l) / 2
    let cMeanP = (c1p + c2p) / 2
    var hMean = h1 + h2
    if c1p * c2p != 0 {
      if abs(h1 - h2) <= 180 {
        hMean = (h1 + h2) / 2
      } else if h1 + h2 < 360 {
        hMean = (h1 + h2 + 360) / 2
      } else {
        hMean = (h1 + h2 - 360) / 2
      }
    }
    let t =
      1 - 0.17 * cos(rad(hMean - 30)) + 0.24 * cos(rad(2 * hMean)) + 0.32 * cos(rad(3 * hMean + 6))
      - 0.20 * cos(rad(4 * hMean - 63))
    let dTheta = 30 * exp(-pow((hMean - 275) / 25, 2))
    let rc = 2 * (pow(cMeanP, 7) / (pow(cMeanP, 7) + pow(25, 7))).squareRoot()
    let sl = 1 + 0.015 * pow(lMean - 50, 2) / (20 + pow(lMean - 50, 2)).squareRoot()
    let sc = 1 + 0.045 * cMeanP
    let sh = 1 + 0.015 * cMeanP * t
    let rt = -sin(rad(2 * dTheta)) * rc
    return (pow(dL / sl, 2) + pow(dC / sc, 2) + pow(dH / sh, 2) + rt * (dC / sc) * (dH / sh)).squareRoot()
  }
}
