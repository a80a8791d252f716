// Drives Custodia's serving endpoints with OpenAI's official Node.js client and prints what it saw as one JSON
// object, for ServingOpenAiClientTest to check. Arguments: the base URL (…/v1) and a model-client token.
import OpenAI from "openai";

const [baseURL, apiKey] = process.argv.slice(2);
const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 60_000 });
const seen = {};

const models = await client.models.list();
seen.models = models.data.map((m) => m.id);
const model = seen.models[0];
const messages = [{ role: "system", content: "Be brief." }, { role: "user", content: "Grüezi! Wie ist das Wetter in Zürich?" }];

const { data: chat, response } = await client.chat.completions
  .create({ model, messages, max_tokens: 12, seed: 3, temperature: 0.8, top_p: 0.9 })
  .withResponse();
seen.chat = {
  text: chat.choices[0].message.content,
  role: chat.choices[0].message.role,
  finish: chat.choices[0].finish_reason,
  usage: chat.usage,
  filterVersion: response.headers.get("x-custodia-filter-version"),
};

const chatStream = await client.chat.completions.create({
  model, messages, max_tokens: 12, seed: 3, temperature: 0.8, top_p: 0.9, stream: true, stream_options: { include_usage: true },
});
seen.chatStream = { text: "", chunks: 0 };
for await (const chunk of chatStream) {
  seen.chatStream.chunks++;
  if (chunk.usage) seen.chatStream.usage = chunk.usage;
  for (const choice of chunk.choices) {
    if (choice.delta.role) seen.chatStream.role = choice.delta.role;
    seen.chatStream.text += choice.delta.content ?? "";
    if (choice.finish_reason) seen.chatStream.finish = choice.finish_reason;
  }
}

const text = await client.completions.create({ model, prompt: "Once upon a time", max_tokens: 10, seed: 4 });
seen.text = { text: text.choices[0].text, finish: text.choices[0].finish_reason, usage: text.usage };
const textStream = await client.completions.create({ model, prompt: "Once upon a time", max_tokens: 10, seed: 4, stream: true });
seen.textStream = { text: "" };
for await (const chunk of textStream) {
  seen.textStream.text += chunk.choices[0]?.text ?? "";
  if (chunk.choices[0]?.finish_reason) seen.textStream.finish = chunk.choices[0].finish_reason;
}

try {
  await client.chat.completions.create({ model, messages, n: 2 });
  seen.refused = { status: 200 };
} catch (e) {
  seen.refused = { status: e.status, name: e.constructor.name };
}

console.log(JSON.stringify(seen));
