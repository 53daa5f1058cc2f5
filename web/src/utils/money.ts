// Money travels as integer 分 (fen). Pages show it as 万元 (fenToWan), or 亿元 (fenToYi).
// All rounding is done on integers so that 0.1 + 0.2 style float errors never show.

export const FEN_PER_WAN = 1_000_000 // 1 万元 = 10 000 元 = 1 000 000 分
export const FEN_PER_YI = 10_000_000_000 // 1 亿元 = 10 000 万元

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/**
 * Divides `fen` by `fenPerUnit` and renders it with `decimals` places, rounding half away
 * from zero. `fenPerUnit / 10^decimals` must be a whole number (true for 万元/亿元 up to 6 places).
 */
function scale(fen: number, fenPerUnit: number, decimals: number, grouping: boolean): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`money must be a safe integer of fen, got ${fen}`)
  const step = fenPerUnit / 10 ** decimals
  if (!Number.isInteger(step) || step < 1) throw new RangeError(`unsupported decimals: ${decimals}`)
  const abs = Math.abs(fen)
  let steps = Math.floor(abs / step)
  if ((abs % step) * 2 >= step) steps += 1
  const base = 10 ** decimals
  const whole = String(Math.floor(steps / base))
  const frac = decimals > 0 ? '.' + String(steps % base).padStart(decimals, '0') : ''
  const sign = fen < 0 && steps > 0 ? '-' : ''
  return sign + (grouping ? groupThousands(whole) : whole) + frac
}

/** 123456789 分 → "123.46" (万元). */
export function fenToWan(fen: number, decimals = 2, grouping = true): string {
  return scale(fen, FEN_PER_WAN, decimals, grouping)
}

/** 12345678900000 分 → "1,234.57" (亿元). */
export function fenToYi(fen: number, decimals = 2, grouping = true): string {
  return scale(fen, FEN_PER_YI, decimals, grouping)
}

/**
 * Parses what a user typed in a 万元 field ("1,234.5", " 12 ", "-3.000001") into 分.
 * Returns null for anything that is not a plain decimal number or has more precision than 1 分
 * (万元 has at most 6 decimal places).
 */
export function wanToFen(input: string): number | null {
  const text = input.replace(/[,\s，]/g, '')
  const m = /^(-?)(\d+)(?:\.(\d{0,6}))?$/.exec(text)
  if (!m) return null
  const [, sign, whole, frac = ''] = m
  const fen = Number(whole) * FEN_PER_WAN + Number(frac.padEnd(6, '0'))
  if (!Number.isSafeInteger(fen)) return null
  return sign === '-' && fen !== 0 ? -fen : fen
}

/**
 * 分 → the plain 万元 text an input shows for editing: no grouping, no trailing zeros, exact
 * to the 分 ("45000", "8600.5", "0.000001"). wanToFen(fenToWanInput(x)) === x.
 */
export function fenToWanInput(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return ''
  const text = fenToWan(fen, 6, false)
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text
}

/**
 * `part` as a percentage of `whole` with `decimals` places, rounded half up, computed on
 * integers ("44.4%"). Empty when `whole` is not positive.
 */
export function formatShare(part: number, whole: number, decimals = 1): string {
  if (!(whole > 0) || !Number.isSafeInteger(part) || !Number.isSafeInteger(whole)) return ''
  const base = 10n ** BigInt(decimals)
  const scaled = BigInt(part) * 100n * base
  const w = BigInt(whole)
  const negative = scaled < 0n
  const abs = negative ? -scaled : scaled
  let q = abs / w
  if ((abs % w) * 2n >= w) q += 1n
  const whole_ = q / base
  const frac = decimals > 0 ? '.' + (q % base).toString().padStart(decimals, '0') : ''
  return `${negative && q > 0n ? '-' : ''}${whole_}${frac}%`
}

/**
 * A 万元 amount as the file had it ("3618.76", "669591", Excel's "73655.00999999999") shown
 * the way the pages show money: grouped, at least two decimals, at most six (the 分) —
 * "3,618.76", "669,591.00", "73,655.01". Anything but a plain decimal number ("待定",
 * "1,234", "") is returned unchanged.
 */
export function formatWanText(text: string): string {
  const m = /^\s*(-?)(\d+)(?:\.(\d+))?\s*$/.exec(text)
  if (!m) return text
  const [, sign, whole, frac = ''] = m
  // Round to the 分 on the digits themselves, half away from zero.
  let fen = Number(whole) * FEN_PER_WAN + Number(frac.slice(0, 6).padEnd(6, '0'))
  if ((frac[6] ?? '0') >= '5') fen += 1
  if (!Number.isSafeInteger(fen)) return text
  const shown = fenToWan(sign === '-' ? -fen : fen, 6)
  return shown.replace(/(\.\d\d\d*?)0+$/, '$1')
}
