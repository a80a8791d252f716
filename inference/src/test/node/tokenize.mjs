// Encodes each string of a JSON array with tokenizers.js and prints the ids, one JSON array per string.
// Usage: node tokenize.mjs STRINGS.json OUT.json
import { Tokenizer } from "@huggingface/tokenizers";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const models = path.join(here, "node_modules", "@lenml", "tokenizer-llama3", "models");
const tokenizer = new Tokenizer(
  JSON.parse(fs.readFileSync(path.join(models, "tokenizer.json"), "utf8")),
  JSON.parse(fs.readFileSync(path.join(models, "tokenizer_config.json"), "utf8")),
);
const strings = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const ids = strings.map((s) => tokenizer.encode(s, { add_special_tokens: false }).ids);
fs.writeFileSync(process.argv[3], JSON.stringify(ids));
