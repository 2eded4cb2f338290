package drp.llm.gguf;

import drp.core.chat.ChatModel;
import drp.core.chat.ChatModelProvider;

/** {@code gguf:PATH[?ctx=N&threads=N&gpu_layers=N&template=NAME]}: a GGUF file run in-process by llama.cpp. */
public final class GgufModelProvider implements ChatModelProvider {

    @Override
    public String scheme() {
        return "gguf";
    }

    @Override
    public String usage() {
        return "gguf:PATH[?ctx=N&threads=N&gpu_layers=N&template=NAME]  a GGUF file run in this process by llama.cpp";
    }

    @Override
    public ChatModel open(String location) {
        return new GgufChatModel(GgufOptions.parse(location));
    }
}
