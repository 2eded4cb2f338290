package drp.llm.bench;

import drp.llm.testing.Reply;
import drp.llm.testing.ScriptedOpenAiServer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An OpenAI-compatible server that answers every chat call at once with the same small completion,
 * for measuring client overhead. Writes its base URL to the file named by the first argument and
 * serves until killed.
 */
public final class InstantServer {

    private InstantServer() {}

    public static void main(String[] args) throws Exception {
        ScriptedOpenAiServer server = ScriptedOpenAiServer.start().recording(false).fallback(Reply.canned());
        Path out = Path.of(args[0]);
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        Files.writeString(tmp, server.baseUrl());
        Files.move(tmp, out, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Thread.currentThread().join();
    }
}
