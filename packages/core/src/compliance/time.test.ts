import { describe, expect, it } from "vitest";
import { addDuration, formatInstant, parseInstant, TimeError, zonedToInstant, zoneOffsetMs } from "./time.js";

describe("zonedToInstant", () => {
  it("reads the Minsk II ceasefire, 00:00 Kyiv time 15 Feb 2015 (EET, UTC+2), as 22:00Z on the 14th", () => {
    // Package of Measures, point 1: ceasefire from 00:00 (Kyiv time) on 15 February 2015; EET = UTC+2 in winter.
    expect(formatInstant(zonedToInstant("2015-02-15T00:00", "Europe/Kyiv"))).toBe("2015-02-14T22:00:00Z");
  });

  it("uses summer time (EEST, UTC+3) in July", () => {
    expect(formatInstant(zonedToInstant("2015-07-01T12:00", "Europe/Kyiv"))).toBe("2015-07-01T09:00:00Z");
  });

  it("moves a time in the spring-forward gap forward by the gap", () => {
    // EU rule: clocks go forward at 01:00 UTC on the last Sunday of March (29 Mar 2015), Kyiv 03:00 → 04:00.
    // 03:30 local does not exist; read with the winter offset (+2) it is 01:30Z, which is 04:30 EEST.
    expect(formatInstant(zonedToInstant("2015-03-29T03:30", "Europe/Kyiv"))).toBe("2015-03-29T01:30:00Z");
    expect(formatInstant(zonedToInstant("2015-03-29T02:59", "Europe/Kyiv"))).toBe("2015-03-29T00:59:00Z");
    expect(formatInstant(zonedToInstant("2015-03-29T04:00", "Europe/Kyiv"))).toBe("2015-03-29T01:00:00Z");
  });

  it("takes the earlier instant of a wall time that occurs twice when clocks go back", () => {
    // 25 Oct 2015 at 01:00 UTC Kyiv goes 04:00 EEST → 03:00 EET; 03:30 occurs at 00:30Z and at 01:30Z.
    expect(formatInstant(zonedToInstant("2015-10-25T03:30", "Europe/Kyiv"))).toBe("2015-10-25T00:30:00Z");
    expect(formatInstant(zonedToInstant("2015-10-25T04:30", "Europe/Kyiv"))).toBe("2015-10-25T02:30:00Z");
  });

  it("rejects an unknown zone and an impossible date with typed errors", () => {
    expect(() => zonedToInstant("2015-02-15T00:00", "Europe/Atlantis")).toThrow(TimeError);
    expect(() => zonedToInstant("2015-02-30T00:00", "UTC")).toThrow(/valid calendar/);
  });
});

describe("zoneOffsetMs", () => {
  it("is +2 h just before and +3 h just after the March 2015 change in Kyiv", () => {
    const change = Date.UTC(2015, 2, 29, 1, 0, 0);
    expect(zoneOffsetMs("Europe/Kyiv", change - 1000)).toBe(2 * 3_600_000);
    expect(zoneOffsetMs("Europe/Kyiv", change)).toBe(3 * 3_600_000);
  });
});

describe("parseInstant", () => {
  it("accepts Z and numeric offsets without a zone", () => {
    expect(parseInstant("2015-02-15T00:00+02:00")).toBe(Date.UTC(2015, 1, 14, 22));
    expect(parseInstant("2015-02-14T22:00Z")).toBe(Date.UTC(2015, 1, 14, 22));
  });

  it("asks for a zone when the time has no offset", () => {
    expect(() => parseInstant("2015-02-15T00:00")).toThrow(/time zone/);
    expect(parseInstant("2015-02-15", "Europe/Kyiv")).toBe(Date.UTC(2015, 1, 14, 22));
  });
});

describe("addDuration", () => {
  it("counts days on the local clock across the spring change (midnight stays midnight)", () => {
    // 28 Mar 2015 00:00 EET = 27 Mar 22:00Z; two local days later is 30 Mar 00:00 EEST = 29 Mar 21:00Z,
    // 47 hours later, not 48.
    const start = zonedToInstant("2015-03-28T00:00", "Europe/Kyiv");
    expect(formatInstant(addDuration(start, 2, 0, "Europe/Kyiv"))).toBe("2015-03-29T21:00:00Z");
    expect(formatInstant(addDuration(start, 2, 0))).toBe("2015-03-29T22:00:00Z");
  });
});

describe("parseInstant fast path", () => {
  it("agrees with Date.parse on every UTC form it accepts, and leaves the rest to the general path", () => {
    for (const t of [
      "2015-02-14T22:00Z",
      "2015-02-14T22:00:07Z",
      "2015-02-14T22:00:07.120Z",
      "2016-02-29T00:00:00Z",
    ])
      expect(parseInstant(t)).toBe(Date.parse(t));
    expect(parseInstant("2015-02-14T22:00:07.1Z")).toBe(Date.parse("2015-02-14T22:00:07.1Z"));
    expect(() => parseInstant("2015-02-30T00:00Z")).toThrow(TimeError);
  });
});
