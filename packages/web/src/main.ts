/// <reference lib="dom" />
/**
 * The browser entry: renders the app (app/shell.ts) into #app. Screens are listed in routes.ts;
 * conventions for adding one are in docs/web-ui.md ("Building on the web app").
 */
import { h, render } from "preact";
import "./app/receipts.js"; // keeps the signed receipts of this user's writes (the record screen)
import { App } from "./app/shell.js";

const root = document.getElementById("app")!;
root.replaceChildren();
render(h(App, null), root);
