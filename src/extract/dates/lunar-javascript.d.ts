/** Minimal typing of the parts of lunar-javascript the date extractor uses. */
declare module 'lunar-javascript' {
  export interface SolarDay {
    getYear(): number;
    getMonth(): number;
    getDay(): number;
    toYmd(): string;
  }
  export interface LunarDay {
    getSolar(): SolarDay;
    /** Solar terms around this lunar year, keyed by name (Chinese, or upper-case pinyin for the next cycle). */
    getJieQiTable(): Record<string, SolarDay>;
  }
  export const Lunar: {
    /** Lunar year, month (negative for a leap month) and day; throws when the day does not exist. */
    fromYmd(year: number, month: number, day: number): LunarDay;
  };
  export const Solar: {
    fromYmd(year: number, month: number, day: number): SolarDay & { getLunar(): LunarDay };
  };
}
