extension Timestamp {
  /// English month names, as C's and Python's `strftime` write them in the C locale.
  static let monthNames = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
  ]

  /// `ts` (UTC) written with `strftime` directives, as Python's `datetime.strftime` in the C locale:
  /// `%Y %y %m %d %e %j %H %I %p %M %S %f %b %B %a %A %u %w %F %T %z %Z %%`; any other directive is
  /// written as it stands, as glibc does.
  public static func strftime(_ ts: Int64, _ pattern: String) -> String {
    let f = fields(ts)
    func pad(_ v: Int, _ width: Int, _ fill: Character = "0") -> String {
      let s = String(v)
      return s.count >= width ? s : String(repeating: fill, count: width - s.count) + s
    }
    var out = ""
    var chars = pattern.makeIterator()
    while let c = chars.next() {
      guard c == "%" else {
        out.append(c)
        continue
      }
      guard let d = chars.next() else {
        out.append("%")
        break
      }
      switch d {
      case "Y": out += pad(f.year, 4)
      case "y": out += pad(((f.year % 100) + 100) % 100, 2)
      case "m": out += pad(f.month, 2)
      case "d": out += pad(f.day, 2)
      case "e": out += pad(f.day, 2, " ")
      case "j":
        let jan1 = daysFromCivil(year: f.year, month: 1, day: 1)
        out += pad(Int(dayNumber(ts) - jan1) + 1, 3)
      case "H": out += pad(f.hour, 2)
      case "I": out += pad(f.hour % 12 == 0 ? 12 : f.hour % 12, 2)
      case "p": out += f.hour < 12 ? "AM" : "PM"
      case "M": out += pad(f.minute, 2)
      case "S": out += pad(f.second, 2)
      case "f": out += pad(f.microsecond, 6)
      case "B": out += monthNames[f.month - 1]
      case "b", "h": out += String(monthNames[f.month - 1].prefix(3))
      case "A": out += DateFunctions.weekdayNames[weekday(ts)]
      case "a": out += String(DateFunctions.weekdayNames[weekday(ts)].prefix(3))
      case "u": out += String(weekday(ts) + 1)
      case "w": out += String((weekday(ts) + 1) % 7)
      case "F": out += pad(f.year, 4) + "-" + pad(f.month, 2) + "-" + pad(f.day, 2)
      case "T": out += pad(f.hour, 2) + ":" + pad(f.minute, 2) + ":" + pad(f.second, 2)
      case "z": out += "+0000"
      case "Z": out += "UTC"
      case "%": out += "%"
      default:
        out.append("%")
        out.append(d)
      }
    }
    return out
  }
}
