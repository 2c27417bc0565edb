// Measures the text of every chart in a page as Chromium lays it out: a label cut by its chart's
// edge, or two labels of one chart on top of each other, is a problem. Shared by the report test
// and scripts/report-screenshots.ts.
import type { Page } from "playwright-core";

/** One problem found: the chart (its figure id, or the svg's aria-label) and what is wrong. */
export interface TextBoxProblem {
  chart: string;
  problem: string;
}

/** Every chart's text boxes checked in the page (charts: every <svg> but the inline dot icons). */
export async function textBoxProblems(
  page: Page,
): Promise<{ charts: number; texts: number; problems: TextBoxProblem[] }> {
  return page.evaluate(() => {
    const problems: { chart: string; problem: string }[] = [];
    let texts = 0;
    const svgs = [...document.querySelectorAll("svg")].filter((s) => !s.classList.contains("dot"));
    for (const svg of svgs) {
      const name =
        svg.closest("figure")?.id ||
        svg.getAttribute("aria-label")?.slice(0, 60) ||
        `svg #${svgs.indexOf(svg)}`;
      const box = svg.getBoundingClientRect();
      const boxes = [...svg.querySelectorAll("text")]
        .filter((t) => (t.textContent ?? "").trim() !== "")
        .map((t) => ({ text: (t.textContent ?? "").trim(), r: t.getBoundingClientRect() }))
        .filter((b) => b.r.width > 0 && b.r.height > 0);
      texts += boxes.length;
      const tol = 1;
      for (const b of boxes) {
        if (
          b.r.left < box.left - tol ||
          b.r.right > box.right + tol ||
          b.r.top < box.top - tol ||
          b.r.bottom > box.bottom + tol
        )
          problems.push({ chart: name, problem: `'${b.text}' is cut by the chart's edge` });
      }
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!.r;
          const c = boxes[j]!.r;
          const w = Math.min(a.right, c.right) - Math.max(a.left, c.left);
          const h = Math.min(a.bottom, c.bottom) - Math.max(a.top, c.top);
          if (w > 1 && h > 1)
            problems.push({ chart: name, problem: `'${boxes[i]!.text}' overlaps '${boxes[j]!.text}'` });
        }
    }
    return { charts: svgs.length, texts, problems };
  });
}
