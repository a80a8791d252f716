/** Apertus inference (the chat format today; ONNX Runtime serving is planned); plain Java, no Spring. */
module io.custodia.inference {
    exports io.custodia.inference;
}
