// What the CLI bundle sees as "yaml": the same functions, but the library (~160 KB, about 20 ms to
// evaluate) is loaded on first use. Valid scenarios are read by js-yaml; the yaml library is needed
// only to place errors at file:line:column and by a few commands, so most runs never load it.
// esbuild bundles the require() below as a CommonJS module evaluated when first called.
let yaml;
const lib = () => {
  yaml ??= require("yaml");
  return yaml;
};

export const parseDocument = (...args) => lib().parseDocument(...args);
export const parse = (...args) => lib().parse(...args);
export const stringify = (...args) => lib().stringify(...args);
export const isMap = (node) => lib().isMap(node);
export const isScalar = (node) => lib().isScalar(node);
export const isSeq = (node) => lib().isSeq(node);
export function LineCounter() {
  const Real = lib().LineCounter;
  return new Real();
}
