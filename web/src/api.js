// api.js - the UI's only way to the server: the public JSON API under
// /api/v1 (docs/api.md).  The session token lives in sessionStorage, so it
// ends with the tab; a 401 anywhere sends the user back to the login page.
const TOKEN = "invigor.token";

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export const session = {
  get token() {
    return sessionStorage.getItem(TOKEN);
  },
  set token(t) {
    if (t) sessionStorage.setItem(TOKEN, t);
    else sessionStorage.removeItem(TOKEN);
  },
  me: null,
};

// A query string from an object, leaving out empty values.
export function qs(params) {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {}))
    if (v !== undefined && v !== null && v !== "") u.set(k, String(v));
  const s = u.toString();
  return s ? "?" + s : "";
}

// Path segments are percent-encoded: entity ids may hold any character.
export const seg = (s) => encodeURIComponent(s);

// A request that found another process writing the store (a batch resolve, an ingest)
// changed nothing (503 "busy", docs/api.md): it is sent again after the server's
// Retry-After, at most twice, before the user is told.
const BUSY_RETRIES = 2;

async function busy(res) {
  if (res.status !== 503) return false;
  try {
    const e = await res.clone().json();
    return !!(e && e.error && e.error.code === "busy");
  } catch (_) {
    return false;
  }
}

async function request(path, { method = "GET", json, form, blob } = {}) {
  const headers = {};
  if (session.token) headers.Authorization = "Bearer " + session.token;
  let body;
  if (json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(json);
  } else if (form) {
    body = form;
  }
  let res;
  for (let attempt = 0; ; attempt++) {
    try {
      res = await fetch("/api/v1" + path, { method, headers, body, cache: "no-store" });
    } catch (e) {
      throw new ApiError(0, "network", "The server cannot be reached: " + e.message);
    }
    if (attempt >= BUSY_RETRIES || !(await busy(res))) break;
    const wait = Math.min(10, Number(res.headers.get("Retry-After")) || 5);
    await new Promise((done) => setTimeout(done, wait * 1000));
  }
  if (res.status === 401 && path !== "/login") {
    session.token = null;
    session.me = null;
    window.dispatchEvent(new Event("invigor:logout"));
  }
  if (!res.ok) {
    let code = "http", message = res.status + " " + res.statusText;
    try {
      const e = await res.json();
      if (e && e.error) ({ code, message } = e.error);
    } catch (_) {
      /* not JSON: keep the status line */
    }
    throw new ApiError(res.status, code, message);
  }
  if (blob) return { blob: await res.blob(), type: res.headers.get("Content-Type") };
  return res.json();
}

export const api = {
  get: (path, params) => request(path + qs(params)),
  post: (path, json) => request(path, { method: "POST", json }),
  del: (path) => request(path, { method: "DELETE" }),
  upload: (path, form) => request(path, { method: "POST", form }),
  download: (path, json) =>
    request(path, json === undefined ? { blob: true } : { method: "POST", json, blob: true }),
};
