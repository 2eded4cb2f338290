package drp.cli;

import drp.core.chat.ChatModel;
import drp.core.chat.ScoredToken;
import drp.llm.endpoint.EndpointConfig;
import drp.llm.endpoint.ModelEndpoint;
import drp.llm.serve.OpenAiServer;
import drp.llm.serve.ServedModel;
import drp.tiny.chat.TinyChatModel;
import drp.tiny.token.Vocabulary;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code drp serve}: an OpenAI-compatible server over an in-process model. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve a model over an OpenAI-compatible HTTP API.",
                "Endpoints: GET /v1/models, POST /v1/chat/completions and /v1/completions, with usage and streaming (server-sent events). Any OpenAI client, drp's own",
                "endpoints (openai:http://127.0.0.1:PORT/v1#NAME) included, can then talk to it. Listens on loopback",
                "unless --host says otherwise; there is no authentication. Ctrl-C stops it."},
        footer = {"", "Models:",
                "  base                 the shipped base student (same as tiny:base)",
                "  tiny:CHECKPOINT_DIR  a drp-tiny checkpoint, e.g. runs/demo-x/models/drp",
                "  gguf:PATH            a GGUF file, run in this process by llama.cpp (streamed as one piece per choice)",
                "", "Examples:",
                "  drp serve --model base --port 8000",
                "  drp serve --model tiny:runs/demo-x/models/drp --port 8001",
                "  curl http://127.0.0.1:8000/v1/chat/completions -H 'Content-Type: application/json' \\",
                "      -d '{\"model\": \"base\", \"messages\": [{\"role\": \"user\", \"content\": \"There are 6 cows on the farm. 4 cows leave. 9 more cows arrive. How many cows are on the farm now?\"}]}'"})
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DebugOption debug;

    @Option(names = "--model", required = true, paramLabel = "MODEL",
            description = "What to serve: base, tiny:CHECKPOINT_DIR, gguf:PATH.")
    String modelText;

    @Option(names = "--port", defaultValue = "8000", paramLabel = "N", description = "The port (0: any free one). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "The address to listen on. Default: ${DEFAULT-VALUE} (this machine only).")
    String host;

    @Option(names = "--served-model-name", paramLabel = "NAME",
            description = "The model name clients send. Default: base, the checkpoint folder's name, or the GGUF file's.")
    String servedName;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (port < 0 || port > 65535) {
            throw new UserError("--port must be in 0..65535, got " + port);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ChatModel model = open(modelText);
        ServedModel served = served(servedName != null ? servedName : model.id().model(), model);
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

    /**
     * The model a {@code --model} text names: an in-process model of any engine on the class path
     * ({@code tiny:}, {@code gguf:}), with {@code base} short for {@code tiny:base}.
     */
    static ChatModel open(String text) {
        String endpoint = text.equals(TinyChatModel.BASE) ? TinyChatModel.SCHEME + ":" + TinyChatModel.BASE : text;
        ModelEndpoint resolved;
        try {
            resolved = ModelEndpoint.resolve(EndpointConfig.EMPTY, endpoint, null);
        } catch (IllegalArgumentException e) {
            throw new UserError("--model " + text + ": " + e.getMessage().replace(", or a name from --config", ""));
        }
        return switch (resolved) {
            case ModelEndpoint.Local local -> local.provider().open(local.location());
            case ModelEndpoint.Remote remote -> throw new UserError("--model " + text + " is a server already; drp serve"
                    + " serves models run in this process (base, tiny:CHECKPOINT_DIR, gguf:PATH)");
        };
    }

    /**
     * {@code model} served as {@code name}: the embedded student streams token by token through its
     * own listener and echoes a prompt's log-probabilities (drp-llm's server does not know
     * drp-tiny); any other model sends choices whole and cannot echo them.
     */
    static ServedModel served(String name, ChatModel model) {
        return model instanceof TinyChatModel tiny
                ? new ServedModel(name, tiny, (request, listener) -> tiny.chat(request, listener::text), text -> echo(tiny, text))
                : new ServedModel(name, model);
    }

    /** Every token of a raw prompt scored by the student, its {@code <s>} first, as vLLM echoes one. */
    private static List<ServedModel.EchoedToken> echo(TinyChatModel tiny, String text) {
        List<ServedModel.EchoedToken> tokens = new ArrayList<>();
        tokens.add(new ServedModel.EchoedToken(Vocabulary.BOS, null));
        for (ScoredToken token : tiny.scoreText(text).tokens()) {
            tokens.add(new ServedModel.EchoedToken(token.text(), token.logprob()));
        }
        return tokens;
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new UserError("--host " + host + ": unknown address");
        }
    }
}
