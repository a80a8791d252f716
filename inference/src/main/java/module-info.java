/** Apertus inference: checkpoints, a reference forward pass and the chat format; plain Java, no Spring. */
module io.custodia.inference {
    requires tools.jackson.databind;
    requires info.picocli;
    requires com.microsoft.onnxruntime;
    requires io.custodia.pii;

    exports io.custodia.inference;
    exports io.custodia.inference.checkpoint;
    exports io.custodia.inference.reference;
    exports io.custodia.inference.tokenizer;
    exports io.custodia.inference.generation;
    exports io.custodia.inference.onnx;

    opens io.custodia.inference.cli to info.picocli;
}
