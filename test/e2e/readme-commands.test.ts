// The README and the docs name only commands and flags that the CLI has: each `entente …` span and
// each `entente …` line of a code block is checked against the program's own command tree (what
// `--help` prints), in process.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { buildProgram } from "../../packages/cli/src/program.js";
import { repoRoot } from "./run-cli.js";

const files = [
  "README.md",
  ...readdirSync(join(repoRoot, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];

/** Every mention of a command line: inline code spans and code-block lines that start with `entente`. */
function mentions(text: string): string[] {
  const spans = [...text.matchAll(/`((?:npx )?entente [^`]+)`/g)].map((m) => m[1]!);
  const lines = [...text.matchAll(/^\s*(?:\$ )?((?:npx )?entente [^\n#]+)/gm)].map((m) => m[1]!);
  return [...spans, ...lines].map((s) => s.replace(/^npx /, "").replace(/\\\|/g, "|").trim());
}

function flagsOf(c: Command): Set<string> {
  const out = new Set(["--help", "-h"]);
  for (const o of c.options) {
    if (o.long) out.add(o.long);
    if (o.short) out.add(o.short);
    // Commander's --no-x also accepts --x when both are declared; the negated form is what is listed.
  }
  return out;
}

const program = buildProgram();
const globals = flagsOf(program);

/** The problems with one mention: an unknown command, subcommand or flag. */
function check(mention: string): string[] {
  const tokens = mention.split(/\s+/).slice(1);
  const name = tokens[0] ?? "";
  if (name.startsWith("-") || name === "") return [];
  const command = program.commands.find((c) => c.name() === name);
  if (!command) return [`unknown command '${name}'`];
  let targets = [command];
  if (command.commands.length > 0) {
    const sub = (tokens[1] ?? "").split("|").filter((s) => /^[a-z]+$/.test(s));
    if (sub.length === 0) return [];
    const found = sub.map((s) => command.commands.find((c) => c.name() === s));
    const missing = sub.filter((_, i) => !found[i]);
    if (missing.length) return missing.map((s) => `unknown subcommand '${name} ${s}'`);
    targets = found as Command[];
  }
  const flags = [...mention.matchAll(/(?<![\w-])(--?[a-zA-Z][\w-]*)/g)].map((m) => m[1]!);
  return flags
    .filter((f) => !globals.has(f) && !targets.every((t) => flagsOf(t).has(f)))
    .map((f) => `'${name}' has no flag ${f}`);
}

describe("README and docs", () => {
  it("name only commands, subcommands and flags that the CLI has", () => {
    const problems: string[] = [];
    let checked = 0;
    for (const file of files) {
      for (const m of mentions(readFileSync(join(repoRoot, file), "utf8"))) {
        checked++;
        for (const p of check(m)) problems.push(`${file}: \`${m}\`: ${p}`);
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(problems).toEqual([]);
  });

  it("the check catches a flag the CLI does not have", () => {
    expect(check("entente serve --data DIR")).toEqual(["'serve' has no flag --data"]);
    expect(check("entente frobnicate")).toEqual(["unknown command 'frobnicate'"]);
  });
});
