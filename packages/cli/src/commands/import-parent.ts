import type { Command } from "commander";

/** The `import` command that each importer (ktab, deu, xlsx) adds its subcommand to, made on first use. */
export function importParent(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === "import") ??
    program.command("import").description("turn another tool's input file into an Entente scenario")
  );
}
