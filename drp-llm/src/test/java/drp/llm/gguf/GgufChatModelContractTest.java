package drp.llm.gguf;

import drp.core.chat.ChatModel;
import drp.core.chat.ChatModelContract;
import drp.core.testing.SharedData;

/** The port's contract, on a real GGUF file run by llama.cpp in this process (random weights: mechanics, not text). */
class GgufChatModelContractTest extends ChatModelContract {

    @Override
    protected ChatModel createModel() {
        return new GgufChatModel(new GgufOptions(SharedData.require("models/llama-2-tiny-random.gguf"), 512, 2, 0, null));
    }
}
