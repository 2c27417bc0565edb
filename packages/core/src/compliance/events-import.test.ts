import { describe, expect, it } from "vitest";
import { parseEventsCsv, splitCsv } from "./events-csv.js";
import { parseEventsJson } from "./events-json.js";
import { formatEventFileError } from "./events-validate.js";

const header = "kind,id,time,by,type,party,count,confidence,evidence,commitment";

describe("parseEventsCsv", () => {
  it("reads a valid log, with lists split on ';' and numbers typed", () => {
    const csv = `${header}\nreport,r1,2015-02-16T10:00+02:00,osce,ceasefire-violation,ru,3,0.9,photo-1;photo-2,ceasefire\n`;
    const r = parseEventsCsv(csv, "log.csv");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.events[0]).toMatchObject({ kind: "report", count: 3, evidence: ["photo-1", "photo-2"] });
  });

  it("reports every bad row at once with file:line and the field", () => {
    const csv = [
      "# illustrative",
      header,
      "report,r1,2015-02-16T10:00+02:00,osce,ceasefire-violation,ru,-1,0.9,,ceasefire", // line 3: count < 0
      "report,r2,2015-02-16T10:00,osce,ceasefire-violation,ru,1,0.9,,ceasefire", // line 4: no zone
      "report,r1,2015-02-16T11:00Z,osce,shelling,ru,1,2,,ceasefire", // line 5: type, confidence, dup id
    ].join("\n");
    const r = parseEventsCsv(csv, "log.csv");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const got = r.errors.map((e) => `${e.line} ${e.path.join(".")} ${e.code}`);
    expect(got).toEqual([
      "3 count invalid_field",
      "4 time invalid_time",
      "5 type invalid_field",
      "5 confidence invalid_field",
    ]);
    expect(formatEventFileError(r.errors[0]!)).toMatch(/^log\.csv:3 count: /);
  });

  it("flags a duplicate id and an unknown superseded event", () => {
    const csv = `kind,id,time,by,commitment,supersedes\ndeclaration,d1,2015-02-16T10:00Z,ua,x,\ndeclaration,d1,2015-02-16T10:00Z,ua,x,zz\n`;
    const r = parseEventsCsv(csv, "f.csv");
    expect(r.ok ? [] : r.errors.map((e) => `${e.line} ${e.code}`)).toEqual([
      "3 duplicate_id",
      "3 unknown_reference",
    ]);
  });

  it("accepts a superseded id that is already stored", () => {
    const csv = `kind,id,time,by,commitment,supersedes\ndeclaration,d2,2015-02-16T10:00Z,ua,x,d1\n`;
    expect(parseEventsCsv(csv, "f.csv", { knownIds: new Set(["d1"]) }).ok).toBe(true);
  });
});

describe("splitCsv", () => {
  it("keeps commas, doubled quotes and line breaks inside quotes, and the starting line of each row", () => {
    const { rows } = splitCsv('a,b\n"x, ""y""\nz",2\nlast,3\n');
    expect(rows.map((r) => [r.line, r.cells])).toEqual([
      [1, ["a", "b"]],
      [2, ['x, "y"\nz', "2"]],
      [4, ["last", "3"]],
    ]);
  });

  it("points at the line where an unterminated quote opened", () => {
    const r = parseEventsCsv('kind,id\nreport,"r1\n', "f.csv");
    expect(r.ok ? [] : r.errors.map((e) => `${e.line} ${e.code}`)).toEqual(["2 syntax"]);
  });
});

describe("parseEventsJson", () => {
  it("locates each field error at file:line:column of its value", () => {
    const json = `{
  "events": [
    { "kind": "report", "id": "r1", "time": "2015-02-16T10:00Z", "by": "osce",
      "type": "weapon-sighting", "count": "three", "confidence": 0.8 },
    { "kind": "vote", "id": "v1", "time": "2015-02-16T10:00Z", "by": "fr", "consultation": "c1",
      "vote": "maybe", "colour": "red" }
  ]
}`;
    const r = parseEventsJson(json, "log.json");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    // Line 4 column 43 is the opening quote of "three"; line 6 column 15 is that of "maybe"
    // and column 24 the key "colour" (unknown fields point at the key).
    expect(r.errors.map((e) => `${e.line}:${e.column} ${e.path.join(".")} ${e.code}`)).toEqual([
      "4:43 count invalid_field",
      "6:15 vote invalid_field",
      "6:24 colour unknown_field",
    ]);
  });

  it("gives a syntax error with its line and column", () => {
    const r = parseEventsJson('[\n  { "kind": "report", }\n]', "bad.json");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ code: "syntax", line: 2 });
  });
});
