// Turns what a person typed into the portal's forms into the JSON that POST /api/v1/requests accepts.

/** Splits a textarea into trimmed, non-empty lines. */
export function lines(text) {
  return (text ?? "")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** Builds the request body for one kind from a plain object of form field values. */
export function toRequest(kind, fields) {
  const requester = { name: (fields.name ?? "").trim(), email: (fields.email ?? "").trim() };
  switch (kind) {
    case "OPT_OUT": {
      const body = { kind, requester, scope: fields.scope, target: (fields.target ?? "").trim() };
      const agents = lines(fields.userAgents);
      if (agents.length > 0) body.userAgents = agents;
      if (fields.effectiveFrom) body.effectiveFrom = fields.effectiveFrom;
      return body;
    }
    case "PII": {
      const identifiers = {};
      for (const key of ["names", "emails", "phones", "addresses", "other"]) {
        const values = lines(fields[key]);
        if (values.length > 0) identifiers[key] = values;
      }
      return { kind, requester, identifiers, urls: lines(fields.urls), context: (fields.context ?? "").trim() };
    }
    case "COPYRIGHT":
      return {
        kind,
        requester,
        work: { title: (fields.title ?? "").trim(), rightsholder: (fields.rightsholder ?? "").trim(), type: fields.workType },
        excerpts: (fields.excerpts ?? "").split(/\n-{3,}\n/).map((e) => e.trim()).filter((e) => e.length > 0),
        urls: lines(fields.urls),
        goodFaith: fields.goodFaith === true || fields.goodFaith === "on",
      };
    default:
      throw new Error(`unknown request kind: ${kind}`);
  }
}

/** Formats an RFC 9457 problem answer for a person: the title, then one line per invalid field. */
export function describeProblem(problem) {
  const head = problem.detail ? `${problem.title}: ${problem.detail}` : problem.title ?? "Request failed";
  const fields = (problem.errors ?? []).map((e) => `${e.field}: ${e.message}`);
  return [head, ...fields].join("\n");
}
