package drp.cli;

import drp.cli.serve.OpenAiServer;
import drp.cli.serve.ServedModel;
import drp.core.chat.ChatModel;
import drp.tiny.chat.TinyChatModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code drp serve}: an OpenAI-compatible server over an in-process model. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve a model over an OpenAI-compatible HTTP API: GET /v1/models, POST /v1/chat/completions and",
                "/v1/completions, with usage and streaming (server-sent events). Any OpenAI client, drp's own",
                "endpoints (openai:http://127.0.0.1:PORT/v1#NAME) included, can then talk to it. Listens on loopback",
                "unless --host says otherwise; there is no authentication. Ctrl-C stops it."},
        footer = {"", "Models:",
                "  base                 the shipped base student (same as tiny:base)",
                "  tiny:CHECKPOINT_DIR  a drp-tiny checkpoint, e.g. runs/demo-x/models/drp",
                "", "Examples:",
                "  drp serve --model base --port 8000",
                "  drp serve --model tiny:runs/demo-x/models/drp --port 8001",
                "  curl http://127.0.0.1:8000/v1/chat/completions -H 'Content-Type: application/json' \\",
                "      -d '{\"model\": \"base\", \"messages\": [{\"role\": \"user\", \"content\": \"A farm has 3 hens. 4 more hens arrive. How many hens are on the farm now?\"}]}'"})
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DebugOption debug;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "What to serve: base, tiny:CHECKPOINT_DIR.")
    String modelText;

    @Option(names = "--port", defaultValue = "8000", paramLabel = "N", description = "The port (0: any free one). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "The address to listen on. Default: ${DEFAULT-VALUE} (this machine only).")
    String host;

    @Option(names = "--served-model-name", paramLabel = "NAME",
            description = "The model name clients send. Default: base, or the checkpoint folder's name.")
    String servedName;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (port < 0 || port > 65535) {
            throw new UserError("--port must be in 0..65535, got " + port);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ChatModel model = open(modelText);
        ServedModel served = new ServedModel(servedName != null ? servedName : model.id().model(), model);
        boolean loopback = isLoopback(host);
        CountDownLatch stopped = new CountDownLatch(1);
        try (OpenAiServer server = OpenAiServer.start(served, host, port, line -> {
            err.println(line);
            err.flush();
        })) {
            Thread stop = new Thread(() -> {
                server.close();
                stopped.countDown();
            });
            Runtime.getRuntime().addShutdownHook(stop);
            out.println("serving " + served.name() + " (" + model.id() + ") at " + server.baseUrl());
            out.println("  endpoint for drp: openai:" + server.baseUrl() + "#" + served.name());
            if (!loopback) {
                out.println("  warning: listening on " + host + ", reachable from other machines, without authentication");
            }
            out.flush();
            stopped.await();
        } finally {
            served.close();
        }
        return 0;
    }

    /** The model a {@code --model} text names. */
    static ChatModel open(String text) {
        if (text.equals(TinyChatModel.BASE)) {
            return TinyChatModel.open(TinyChatModel.BASE);
        }
        if (text.startsWith(TinyChatModel.SCHEME + ":")) {
            return TinyChatModel.open(text.substring(TinyChatModel.SCHEME.length() + 1));
        }
        if (text.startsWith("gguf:")) {
            throw new UserError("--model " + text + ": GGUF files cannot be served by this build (it has no in-process"
                    + " llama.cpp engine); serve a GGUF with llama.cpp's own llama-server instead");
        }
        throw new UserError("--model " + text + ": write base, tiny:base or tiny:CHECKPOINT_DIR");
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new UserError("--host " + host + ": unknown address");
        }
    }
}
