// SPDX-License-Identifier: MPL-2.0
// meetrec's recordings console: plain JavaScript over the service's API
// (OpenVidu Meet's recordings operations, plus /me). Recordings in progress
// are followed by polling: every 2 s while one runs, every 15 s otherwise.
"use strict";

const $ = (sel, root = document) => root.querySelector(sel);
const IN_PROGRESS = new Set(["starting", "active", "ending"]);
const PLAYABLE = new Set(["complete", "limit_reached", "aborted"]);

const state = {
  auth: null,          // {kind: "token" | "key", secret}
  me: null,            // /api/v1/me
  room: "",
  items: new Map(),    // recordingId -> recording, in list order
  next: null,          // nextPageToken
  links: new Map(),    // recordingId -> {url, until}
  timer: null,
};

class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

async function api(method, path, body) {
  const headers = {};
  if (state.auth && state.auth.kind === "key") headers["X-API-KEY"] = state.auth.secret;
  else if (state.auth) headers["Authorization"] = `Bearer ${state.auth.secret}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const resp = await fetch(`/api/v1${path}`, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const type = resp.headers.get("content-type") || "";
  const data = type.startsWith("application/json") ? await resp.json() : resp;
  if (!resp.ok) throw new ApiError(resp.status, type.startsWith("application/json") ? data : null);
  return data;
}

// ---- messages ----

let messageTimer = null;
function say(text, kind = "ok") {
  const m = $("#message");
  m.textContent = text;
  m.className = `message ${kind}`;
  m.hidden = false;
  clearTimeout(messageTimer);
  messageTimer = setTimeout(() => { m.hidden = true; }, kind === "error" ? 12000 : 5000);
}

function fail(err) {
  if (!(err instanceof ApiError)) {
    say(`Something went wrong: ${err.message}`, "error");
    return;
  }
  const why = err.message;
  switch (err.status) {
    case 401:
      signOut();
      say(`Not signed in, or the credential was refused (401). Sign in again. ${why}`, "error");
      break;
    case 403:
      say(`Not allowed (403): ${why}`, "error");
      break;
    case 404:
      say(`Not found (404): ${why}`, "error");
      break;
    case 409:
      say(`Not now (409): ${why}`, "error");
      break;
    case 422:
      say(`Invalid request (422): ${why}`, "error");
      break;
    default:
      say(`The service answered ${err.status}: ${why}`, "error");
  }
}

// ---- formatting ----

function when(ms) {
  return ms ? new Date(ms).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : "";
}
function span(seconds) {
  if (seconds == null) return "—";
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  return (h ? `${h}:${String(m).padStart(2, "0")}` : `${m}`) + `:${String(r).padStart(2, "0")}`;
}
function bytes(n) {
  if (n == null) return "—";
  const units = ["B", "KB", "MB", "GB", "TB"];
  let i = 0;
  while (n >= 1000 && i < units.length - 1) { n /= 1000; i++; }
  return `${n.toFixed(i ? 1 : 0)} ${units[i]}`;
}

// ---- permissions ----

function may(room, what) {
  const p = state.me && (state.me.permissions[room] || state.me.permissions["*"]);
  return !!(p && p[what]);
}

// ---- share links (also how the page plays media: a <video> sends no headers) ----

async function link(id) {
  const known = state.links.get(id);
  if (known && known.until - Date.now() > 60_000) return known.url;
  const r = await api("GET", `/recordings/${encodeURIComponent(id)}/url?expiresIn=3600`);
  state.links.set(id, { url: r.url, until: Date.parse(r.expiresAt) });
  return r.url;
}

// ---- the list ----

async function load({ more = false } = {}) {
  const q = new URLSearchParams({ maxItems: "24" });
  if (state.room) q.set("roomId", state.room);
  if (more && state.next) q.set("nextPageToken", state.next);
  const page = await api("GET", `/recordings?${q}`);
  loadNodes().catch(() => { $("#nodes").hidden = true; });
  if (!more) state.items.clear();
  for (const r of page.recordings) state.items.set(r.recordingId, r);
  state.next = page.pagination.nextPageToken || null;
  render();
}

// ---- the fleet (admins) ----

async function loadNodes() {
  if (!state.me || state.me.role !== "admin") return;
  const { nodes } = await api("GET", "/nodes");
  const cores = (x) => (x === null || x === undefined ? "–" : x.toFixed(2));
  const rows = nodes.map((n) => {
    const tr = document.createElement("tr");
    tr.dataset.node = n.nodeId;
    const recs = n.recordings.map((r) => r.roomId || r.recordingId).join(", ") || "–";
    const cells = [n.nodeId + (n.draining ? " (draining)" : ""), recs, cores(n.load), cores(n.headroom), when(Date.parse(n.heartbeatAt))];
    for (const text of cells) {
      const td = document.createElement("td");
      td.textContent = text;
      tr.append(td);
    }
    return tr;
  });
  $("#node-rows").replaceChildren(...rows);
  $("#nodes").hidden = false;
}

function render() {
  const list = $("#recordings");
  const seen = new Set();
  let live = 0;
  let prev = null;
  for (const r of state.items.values()) {
    seen.add(r.recordingId);
    if (IN_PROGRESS.has(r.status)) live++;
    let li = list.querySelector(`li[data-id="${CSS.escape(r.recordingId)}"]`);
    if (!li) li = newCard(r.recordingId);
    fill(li, r);
    const want = prev ? prev.nextSibling : list.firstChild;
    if (want !== li) list.insertBefore(li, want);
    prev = li;
  }
  for (const li of [...list.children]) if (!seen.has(li.dataset.id)) li.remove();
  $("#empty").hidden = state.items.size > 0;
  $("#more").hidden = !state.next;
  $("#live-indicator").hidden = live === 0;
  $("#live-count").textContent = live === 1 ? "1 recording" : `${live} recordings`;
  const room = state.room;
  $("#start-form").hidden = !(room && may(room, "record"));
  $("#start").disabled = [...state.items.values()].some((r) => r.roomId === room && IN_PROGRESS.has(r.status));
  schedule(live > 0 ? 2000 : 15000);
}

function newCard(id) {
  const li = $("#card").content.firstElementChild.cloneNode(true);
  li.dataset.id = id;
  li.deleteButton = $(".delete", li);
  $(".play", li).addEventListener("click", () => play(id).catch(fail));
  $(".audio", li).addEventListener("click", () => audio(id).catch(fail));
  $(".share", li).addEventListener("click", () => share(id, li).catch(fail));
  $(".stop", li).addEventListener("click", () => stop(id).catch(fail));
  $(".pause", li).addEventListener("click", () => pauseOrResume(id).catch(fail));
  $(".delete", li).addEventListener("click", (e) => remove(id, e.currentTarget).catch(fail));
  $(".download", li).addEventListener("click", async (e) => {
    // The first click fetches a link, then follows it.
    if (e.currentTarget.dataset.ready) return;
    e.preventDefault();
    try {
      e.currentTarget.href = (await link(id)).replace("/media?", "/download?");
      e.currentTarget.dataset.ready = "1";
      e.currentTarget.click();
    } catch (err) { fail(err); }
  });
  return li;
}

function fill(li, r) {
  const running = IN_PROGRESS.has(r.status);
  const playable = PLAYABLE.has(r.status);
  li.dataset.status = r.status;
  li.classList.toggle("in-progress", running);
  $(".room-name", li).textContent = r.roomName || r.roomId;
  const paused = running && r.details === "paused";
  li.dataset.paused = paused ? "1" : "";
  const st = $(".status", li);
  st.textContent = paused ? "paused" : r.status.replace("_", " ");
  st.className = `status ${paused ? "paused" : r.status}`;
  $(".date", li).textContent = when(r.startDate);
  $(".duration", li).textContent = running
    ? `${span(Math.max(0, (Date.now() - r.startDate) / 1000))} so far`
    : span(r.duration);
  $(".size", li).textContent = bytes(r.size);
  const people = ((r.meetrec && r.meetrec.participants) || []).map((p) => p.name);
  $(".people", li).textContent = people.length ? people.join(", ") : "\u00a0";
  $(".people", li).title = people.join(", ");
  for (const sel of [".play", ".download", ".audio", ".share"]) $(sel, li).hidden = !playable;
  $(".stop", li).hidden = !(running && may(r.roomId, "record"));
  const pause = $(".pause", li);
  pause.hidden = !(running && r.status === "active" && may(r.roomId, "record"));
  pause.textContent = paused ? "▶ Resume" : "❚❚ Pause";
  // Absent, not disabled, when the role may not delete.
  const del = li.deleteButton;
  if ((playable || r.status === "failed") && may(r.roomId, "delete")) {
    if (!del.isConnected) $(".actions", li).append(del);
  } else {
    del.remove();
  }
  const poster = $(".poster video", li);
  if (playable && !poster.dataset.src) {
    poster.dataset.src = "pending";
    link(r.recordingId).then((url) => { poster.src = `${url}#t=1`; poster.dataset.src = url; })
      .catch(() => { poster.dataset.src = ""; });
  }
}

function schedule(ms) {
  clearTimeout(state.timer);
  if (!state.me) return;
  state.timer = setTimeout(() => load().catch(fail), ms);
}

// ---- actions ----

async function play(id) {
  const r = state.items.get(id);
  const url = await link(id);
  const v = $("#video");
  $("#player-title").textContent = `${r.roomName} · ${when(r.startDate)}`;
  $("#player").hidden = false;
  if (v.dataset.id !== id) {
    v.dataset.id = id;
    v.src = url;
  }
  $("#player").scrollIntoView({ behavior: "smooth", block: "start" });
  v.play().catch(() => {});
}

async function audio(id) {
  const headers = state.auth.kind === "key" ? { "X-API-KEY": state.auth.secret }
    : { Authorization: `Bearer ${state.auth.secret}` };
  const resp = await fetch(`/api/v1/recordings/${encodeURIComponent(id)}/audio`, { headers });
  if (!resp.ok) {
    let body = null;
    try { body = await resp.json(); } catch (_) { /* not JSON */ }
    throw new ApiError(resp.status, body);
  }
  const name = /filename="([^"]+)"/.exec(resp.headers.get("content-disposition") || "");
  const a = document.createElement("a");
  a.href = URL.createObjectURL(await resp.blob());
  a.download = name ? name[1] : `${id}-audio`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
}

async function share(id, li) {
  const r = await api("GET", `/recordings/${encodeURIComponent(id)}/url?expiresIn=604800`);
  const box = $(".share-box", li);
  box.hidden = false;
  $(".share-url", li).value = r.url;
  $(".share-url", li).select();
  const until = new Date(r.expiresAt).toLocaleString();
  try {
    await navigator.clipboard.writeText(r.url);
    $(".share-note", li).textContent = `Copied. Anyone with the link can play it until ${until}.`;
  } catch (_) {
    $(".share-note", li).textContent = `Copy the link above: anyone with it can play it until ${until}.`;
  }
}

async function stop(id) {
  await api("POST", `/recordings/${encodeURIComponent(id)}/stop`);
  say("Stopping: the file is being finished.");
  await load();
}

async function pauseOrResume(id) {
  const r = state.items.get(id);
  const what = r && r.details === "paused" ? "resume" : "pause";
  await api("POST", `/recordings/${encodeURIComponent(id)}/${what}`);
  say(what === "pause" ? "Paused: nothing is recorded until you resume." : "Recording again.");
  await load();
}

async function remove(id, button) {
  if (button.dataset.armed !== "1") {
    button.dataset.armed = "1";
    button.textContent = "Confirm delete";
    setTimeout(() => { button.dataset.armed = ""; button.textContent = "Delete"; }, 5000);
    return;
  }
  await api("DELETE", `/recordings/${encodeURIComponent(id)}`);
  state.items.delete(id);
  if ($("#video").dataset.id === id) closePlayer();
  render();
  say("Recording deleted.");
}

async function start(e) {
  e.preventDefault();
  const room = state.room;
  const r = await api("POST", "/recordings", { roomId: room });
  say(`Recording ${room}: ${r.status}.`);
  await load();
}

function closePlayer() {
  const v = $("#video");
  v.pause();
  v.removeAttribute("src");
  v.dataset.id = "";
  v.load();
  $("#player").hidden = true;
}

// ---- sign in / out ----

async function signIn(auth) {
  state.auth = auth;
  try {
    state.me = await api("GET", "/me");
  } catch (err) {
    state.auth = null;
    state.me = null;
    throw err;
  }
  sessionStorage.setItem("meetrec-auth", JSON.stringify(auth));
  $("#sign-in").hidden = true;
  $("#console").hidden = false;
  $("#sign-out").hidden = false;
  const rooms = state.me.rooms ? ` · ${state.me.rooms.join(", ")}` : "";
  $("#who").textContent = `${state.me.role}${rooms}`;
  $("#who").hidden = false;
  await load();
}

function signOut() {
  clearTimeout(state.timer);
  sessionStorage.removeItem("meetrec-auth");
  Object.assign(state, { auth: null, me: null, next: null });
  state.items.clear();
  state.links.clear();
  closePlayer();
  $("#recordings").replaceChildren();
  $("#console").hidden = true;
  $("#sign-in").hidden = false;
  $("#sign-out").hidden = true;
  $("#who").hidden = true;
  $("#live-indicator").hidden = true;
  $("#nodes").hidden = true;
}

// ---- theme ----

function applyTheme(t) {
  if (t === "auto") document.documentElement.removeAttribute("data-theme");
  else document.documentElement.dataset.theme = t;
  $("#theme").title = `Theme: ${t}`;
}

// ---- wiring ----

document.addEventListener("DOMContentLoaded", () => {
  applyTheme(localStorage.getItem("meetrec-theme") || "auto");
  $("#theme").addEventListener("click", () => {
    const order = ["auto", "dark", "light"];
    const t = order[(order.indexOf(localStorage.getItem("meetrec-theme") || "auto") + 1) % 3];
    localStorage.setItem("meetrec-theme", t);
    applyTheme(t);
  });
  $("#sign-in-form").addEventListener("submit", (e) => {
    e.preventDefault();
    signIn({ kind: $("#credential-kind").value, secret: $("#credential").value.trim() })
      .then(() => { $("#credential").value = ""; })
      .catch(fail);
  });
  $("#sign-out").addEventListener("click", signOut);
  $("#filter").addEventListener("submit", (e) => {
    e.preventDefault();
    state.room = $("#room").value.trim();
    load().catch(fail);
  });
  $("#more").addEventListener("click", () => load({ more: true }).catch(fail));
  $("#start-form").addEventListener("submit", (e) => start(e).catch(fail));
  $("#player-close").addEventListener("click", closePlayer);
  const saved = sessionStorage.getItem("meetrec-auth");
  if (saved) signIn(JSON.parse(saved)).catch(fail);
});
