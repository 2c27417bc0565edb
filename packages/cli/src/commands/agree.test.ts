import { describe, expect, it } from "vitest";
import { CliError } from "../io/cli-error.js";
import { parsePackageArg } from "./agree.js";

describe("parsePackageArg", () => {
  it("reads option ids as strings and numbers as numbers", () => {
    expect(parsePackageArg("nato-membership=non-bloc-eu, force-ceiling=600000")).toEqual({
      "nato-membership": "non-bloc-eu",
      "force-ceiling": 600000,
    });
  });
  it("rejects a part without '=' as bad input (exit code 2)", () => {
    try {
      parsePackageArg("nato-membership");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CliError);
      expect((e as CliError).exitCode).toBe(2);
    }
  });
});
