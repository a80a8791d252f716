/** Apertus inference on ONNX Runtime Java; plain Java, no Spring. */
module io.custodia.inference {
    exports io.custodia.inference;
}
