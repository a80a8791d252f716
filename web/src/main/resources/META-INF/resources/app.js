// Wires the portal's forms to the public API; all logic worth testing lives in request-form.js.
import { toRequest, describeProblem } from "./request-form.js";

const out = document.getElementById("result");

async function call(method, url, body, headers = {}) {
  const response = await fetch(url, {
    method,
    headers: { "Content-Type": "application/json", Accept: "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(describeProblem(json));
  return json;
}

function show(text) {
  out.textContent = text;
}

for (const form of document.querySelectorAll("form[data-kind]")) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const fields = Object.fromEntries(new FormData(form));
    try {
      const created = await call("POST", "/api/v1/requests", toRequest(form.dataset.kind, fields));
      document.getElementById("track-id").value = created.id;
      document.getElementById("track-token").value = created.trackingToken;
      show(`Request ${created.id} filed (${created.status}).\nKeep this tracking token, it is shown only once:\n${created.trackingToken}\nWe sent a code to your e-mail address.`);
      if (form.dataset.kind === "OPT_OUT") await showChallenge(created.id, created.trackingToken);
    } catch (e) {
      show(e.message);
    }
  });
}

document.getElementById("verify").addEventListener("submit", async (event) => {
  event.preventDefault();
  const id = document.getElementById("track-id").value.trim();
  try {
    const result = await call("POST", `/api/v1/requests/${encodeURIComponent(id)}/verification`, {
      code: document.getElementById("code").value.trim(),
    });
    show(`Request ${result.id}: ${result.status}`);
  } catch (e) {
    show(e.message);
  }
});

document.getElementById("track").addEventListener("submit", async (event) => {
  event.preventDefault();
  const id = document.getElementById("track-id").value.trim();
  try {
    const result = await call("GET", `/api/v1/requests/${encodeURIComponent(id)}`, undefined, {
      "X-Tracking-Token": document.getElementById("track-token").value.trim(),
    });
    show(JSON.stringify(result, null, 2));
  } catch (e) {
    show(e.message);
  }
});

async function showChallenge(id, token) {
  const challenge = await call("GET", `/api/v1/requests/${encodeURIComponent(id)}/site-challenge`, undefined, {
    "X-Tracking-Token": token,
  });
  document.getElementById("challenge-url").textContent = challenge.httpsUrl;
  document.getElementById("challenge-dns-name").textContent = challenge.dnsName;
  document.getElementById("challenge-dns-value").textContent = challenge.dnsValue;
  document.getElementById("challenge-token").textContent = challenge.token;
  document.getElementById("site-ownership").hidden = false;
}

for (const [button, method] of [["check-https", "HTTPS"], ["check-dns", "DNS"]]) {
  document.getElementById(button).addEventListener("click", async () => {
    const id = document.getElementById("track-id").value.trim();
    try {
      const result = await call("POST", `/api/v1/requests/${encodeURIComponent(id)}/site-check`, { method }, {
        "X-Tracking-Token": document.getElementById("track-token").value.trim(),
      });
      show(result.proven ? `Site ownership proven (${method}). Request is ${result.status}.` : `Not proven yet: ${result.reason}`);
    } catch (e) {
      show(e.message);
    }
  });
}

const params = new URLSearchParams(location.search);
if (params.get("request")) document.getElementById("track-id").value = params.get("request");
if (params.get("code")) document.getElementById("code").value = params.get("code");
