import { test } from "node:test";
import assert from "node:assert/strict";
import { lines, toRequest, describeProblem } from "../../main/resources/META-INF/resources/request-form.js";

test("lines drops blanks and trims", () => {
  assert.deepEqual(lines(" a \r\n\n b\n  "), ["a", "b"]);
  assert.deepEqual(lines(undefined), []);
});

test("an opt-out keeps the API's field names and omits empty agents", () => {
  const body = toRequest("OPT_OUT", { name: " Ann ", email: "ann@example.org", scope: "DOMAIN", target: " example.org ", userAgents: "" });
  assert.deepEqual(body, { kind: "OPT_OUT", requester: { name: "Ann", email: "ann@example.org" }, scope: "DOMAIN", target: "example.org" });
  assert.deepEqual(toRequest("OPT_OUT", { scope: "DOMAIN", target: "x.org", userAgents: "GPTBot\nCCBot" }).userAgents, ["GPTBot", "CCBot"]);
});

test("a PII request only carries identifier lists that were filled", () => {
  const body = toRequest("PII", { name: "Jane", email: "j@example.org", names: "Jane Doe\n", phones: "+41 44 668 18 00", emails: "" });
  assert.deepEqual(body.identifiers, { names: ["Jane Doe"], phones: ["+41 44 668 18 00"] });
  assert.deepEqual(body.urls, []);
});

test("copyright excerpts split on --- lines and the checkbox becomes a boolean", () => {
  const body = toRequest("COPYRIGHT", { title: "T", rightsholder: "R", workType: "BOOK", excerpts: "one\n---\ntwo", goodFaith: "on" });
  assert.deepEqual(body.excerpts, ["one", "two"]);
  assert.equal(body.goodFaith, true);
  assert.equal(toRequest("COPYRIGHT", { excerpts: "" }).goodFaith, false);
});

test("an unknown kind is refused", () => {
  assert.throws(() => toRequest("SPAM", {}), /unknown request kind/);
});

test("problems read as title, detail and one line per field", () => {
  assert.equal(
    describeProblem({ title: "Bad Request", detail: "Invalid request", errors: [{ field: "requester.email", message: "must be a well-formed email address" }] }),
    "Bad Request: Invalid request\nrequester.email: must be a well-formed email address");
});
