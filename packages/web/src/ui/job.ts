/// <reference lib="dom" />
/**
 * A long job (POST /api/jobs) with a progress bar and a Cancel button: started by the caller's
 * button, polled every half second until done, failed or cancelled; the result goes to `children`.
 *
 *     h(JobPanel, { label: t("explorer.mc.run"), start: () => ({ kind: "montecarlo", … }) },
 *       (result) => h(Distributions, { result }))
 */
import { type ComponentChildren, h } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { call, client } from "../api/client.js";
import type { Body, Job } from "../api/types.js";
import { announce } from "../app/state.js";
import { t } from "../i18n/index.js";
import { ErrorBox } from "./components.js";

/** The body of POST /api/jobs (one of the job kinds). */
export type JobRequest = Body<"/api/jobs", "post">;

const POLL_MS = 500;

/** A job's button, progress bar, Cancel, and (when done) its result. */
export function JobPanel(props: {
  /** What the job does, e.g. "Monte Carlo forecast" (names the button, the bar and announcements). */
  label: string;
  /** The button's text. */
  action: string;
  start: () => JobRequest;
  /** Starts at once (once per mount) instead of waiting for the button. */
  auto?: boolean;
  children: (result: unknown) => ComponentChildren;
}) {
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<unknown>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    if (props.auto) void run();
    return () => {
      alive.current = false;
      if (timer.current) clearTimeout(timer.current);
    };
  }, []);
  const poll = (id: string) => {
    timer.current = setTimeout(async () => {
      try {
        const j = await call(client.GET("/api/jobs/{job}", { params: { path: { job: id } } }));
        if (!alive.current) return;
        setJob(j);
        if (j.status === "queued" || j.status === "running") poll(id);
        else if (j.status === "done") announce(t("job.done", { label: props.label }));
        else if (j.status === "failed")
          announce(t("job.failed", { label: props.label, message: j.error ?? "" }));
      } catch (e) {
        if (alive.current) setError(e);
      }
    }, POLL_MS);
  };
  const run = async () => {
    setError(null);
    try {
      const j = await call(client.POST("/api/jobs", { body: props.start() }));
      if (!alive.current) return;
      setJob(j);
      poll(j.id);
    } catch (e) {
      setError(e);
    }
  };
  const cancel = async () => {
    if (!job) return;
    if (timer.current) clearTimeout(timer.current);
    try {
      const j = await call(client.POST("/api/jobs/{job}/cancel", { params: { path: { job: job.id } } }));
      setJob(j);
      announce(t("job.cancelled", { label: props.label }));
    } catch (e) {
      setError(e);
    }
  };
  const active = job && (job.status === "queued" || job.status === "running");
  const percent = job ? Math.round(job.progress * 100) : 0;
  return h(
    "div",
    { class: "job" },
    h(
      "div",
      { class: "job-controls" },
      h("button", { type: "button", onClick: () => void run(), disabled: !!active }, props.action),
      active
        ? h(
            "div",
            { class: "job-progress" },
            h("progress", {
              max: 100,
              value: percent,
              "aria-label": t("job.progressLabel", { label: props.label }),
            }),
            h(
              "span",
              { class: "meta" },
              job.status === "queued"
                ? t("job.queued", { label: props.label })
                : t("job.progress", { label: props.label, percent }),
            ),
            h(
              "button",
              { type: "button", class: "secondary", onClick: () => void cancel() },
              t("job.cancel"),
            ),
          )
        : null,
      job?.status === "cancelled"
        ? h("p", { class: "meta", role: "status" }, t("job.cancelled", { label: props.label }))
        : null,
    ),
    h(ErrorBox, { error }),
    job?.status === "failed"
      ? h(ErrorBox, { error: new Error(t("job.failed", { label: props.label, message: job.error ?? "" })) })
      : null,
    job?.status === "done" ? props.children(job.result) : null,
  );
}
