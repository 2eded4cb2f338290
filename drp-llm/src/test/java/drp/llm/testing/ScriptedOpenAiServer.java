package drp.llm.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import drp.core.chat.ChatMessage;
import drp.core.chat.ChatModel;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.Choice;
import drp.core.chat.ModelId;
import drp.core.chat.ResponseFormat;
import drp.core.chat.TokenLogprob;
import drp.core.testing.EchoChatModel;
import drp.llm.openai.OpenAiWire;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An OpenAI-compatible server for tests, on 127.0.0.1 at a free port: {@code /v1/chat/completions}
 * and {@code /v1/completions} answer with {@link EchoChatModel}, parsed from and written to the
 * wire as vLLM does; replies can be scripted per request to fail in every way a real server does
 * (see {@link Reply}). Every request is recorded.
 */
public final class ScriptedOpenAiServer implements AutoCloseable {

    /** One request as the server saw it. */
    public record Received(String method, String path, String body, String authorization) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Reply> queue = new ArrayDeque<>();
    private final Map<String, Deque<Reply>> byContent = new LinkedHashMap<>();
    private final Map<java.util.regex.Pattern, Deque<Reply>> byRequest = new LinkedHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile Reply fallback = Reply.normal();
    private volatile String requiredKey;
    private volatile boolean reasoningField;
    private volatile boolean recording = true;
    private volatile java.util.function.Function<ModelId, ChatModel> model = EchoChatModel::new;
    private final byte[] canned;
    private final List<RouteHandler> routes = new CopyOnWriteArrayList<>();

    /** Extra routes (files, batches) that other test fixtures add. */
    public interface RouteHandler {
        /** Handles the exchange and returns true, or returns false when the path is not its own. */
        boolean handle(HttpExchange exchange, Received request) throws IOException;
    }

    private ScriptedOpenAiServer(int backlog) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), backlog);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        canned = JSON.writeValueAsBytes(chatBody("canned", new EchoChatModel(new ModelId("echo:canned", "echo"))
                .chat(ChatRequest.ofUser("ok")), "canned"));
        server.start();
    }

    /** Starts a server on a free loopback port. */
    public static ScriptedOpenAiServer start() {
        try {
            return new ScriptedOpenAiServer(512);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:PORT/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Refuses (401) requests without {@code Authorization: Bearer key}, quoting the wrong key as OpenAI does. */
    public ScriptedOpenAiServer requireKey(String key) {
        this.requiredKey = key;
        return this;
    }

    /** Sends the thinking in {@code reasoning_content} (vLLM's reasoning parser) instead of {@code <think>} tags. */
    public ScriptedOpenAiServer reasoningField(boolean on) {
        this.reasoningField = on;
        return this;
    }

    /**
     * Answers with {@code answering} instead of the echo model (normal replies and batch lines), e.g.
     * drp-core's {@code ProtocolTeacherModel} to play a teacher.
     */
    public ScriptedOpenAiServer answerWith(ChatModel answering) {
        this.model = id -> answering;
        return this;
    }

    /** Whether requests are kept for {@link #received()}; off for long benchmarks. */
    public ScriptedOpenAiServer recording(boolean on) {
        this.recording = on;
        return this;
    }

    /** The reply for every request nothing more specific scripts. */
    public ScriptedOpenAiServer fallback(Reply reply) {
        this.fallback = reply;
        return this;
    }

    /** The next requests (any) get these replies, in order; then the fallback. */
    public synchronized ScriptedOpenAiServer enqueue(Reply... replies) {
        queue.addAll(List.of(replies));
        return this;
    }

    /** The next requests whose body contains {@code text} get these replies, in order. */
    public synchronized ScriptedOpenAiServer whenBodyContains(String text, Reply... replies) {
        byContent.computeIfAbsent(text, k -> new ArrayDeque<>()).addAll(List.of(replies));
        return this;
    }

    /**
     * The next requests whose {@code "METHOD /path"} matches {@code regex} get these replies, in
     * order, before any route answers them: an error status, a drop, a body that is not JSON, or
     * a delay after which the route answers as usual (a time-out to a client that gives up sooner).
     */
    public synchronized ScriptedOpenAiServer whenRequest(String regex, Reply... replies) {
        byRequest.computeIfAbsent(java.util.regex.Pattern.compile(regex), k -> new ArrayDeque<>()).addAll(List.of(replies));
        return this;
    }

    private synchronized Reply scripted(Received request) {
        String line = request.method() + " " + request.path();
        for (Map.Entry<java.util.regex.Pattern, Deque<Reply>> e : byRequest.entrySet()) {
            if (e.getKey().matcher(line).matches() && !e.getValue().isEmpty()) {
                return e.getValue().poll();
            }
        }
        return null;
    }

    public ScriptedOpenAiServer route(RouteHandler handler) {
        routes.add(handler);
        return this;
    }

    /** Every request so far, in arrival order. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** How many requests went to a path ending with {@code suffix}. */
    public long count(String suffix) {
        return received.stream().filter(r -> r.path().endsWith(suffix)).count();
    }

    public void clearReceived() {
        received.clear();
    }

    private synchronized Reply next(String body) {
        for (Iterator<Map.Entry<String, Deque<Reply>>> it = byContent.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Deque<Reply>> e = it.next();
            if (body.contains(e.getKey()) && !e.getValue().isEmpty()) {
                return e.getValue().poll();
            }
        }
        Reply r = queue.poll();
        return r != null ? r : fallback;
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            Received request = new Received(exchange.getRequestMethod(), path, body,
                    exchange.getRequestHeaders().getFirst("Authorization"));
            if (recording) {
                received.add(request);
            }
            if (requiredKey != null && !("Bearer " + requiredKey).equals(request.authorization())) {
                String given = request.authorization() == null ? "none" : request.authorization().replace("Bearer ", "");
                sendError(exchange, 401, Map.of(), "Incorrect API key provided: " + given
                        + ". You can find your API key at https://platform.openai.com/account/api-keys.");
                return;
            }
            Reply scripted = scripted(request);
            while (scripted instanceof Reply.Slow slow) {
                try {
                    Thread.sleep(slow.delay());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                scripted = slow.then() instanceof Reply.Normal ? null : slow.then();
            }
            switch (scripted) {
                case null -> { }
                case Reply.Status status -> {
                    sendError(exchange, status.status(), status.headers(), status.message());
                    return;
                }
                case Reply.Drop drop -> {
                    return;
                }
                default -> {
                    send(exchange, 200, "<html><body>502 Bad Gateway</body></html>".getBytes(StandardCharsets.UTF_8));
                    return;
                }
            }
            for (RouteHandler route : routes) {
                if (route.handle(exchange, request)) {
                    return;
                }
            }
            if (path.endsWith("/models")) {
                send(exchange, 200, JSON.writeValueAsBytes(Map.of("object", "list",
                        "data", List.of(Map.of("id", "echo", "object", "model", "owned_by", "drp-tests")))));
                return;
            }
            boolean chat = path.endsWith("/chat/completions");
            if (!chat && !path.endsWith("/completions")) {
                sendError(exchange, 404, Map.of(), "no route " + path);
                return;
            }
            reply(exchange, next(body), request, chat);
        } catch (IOException e) {
            // the client went away (timeouts in tests do this); nothing to answer
        }
    }

    private void reply(HttpExchange exchange, Reply reply, Received request, boolean chat) throws IOException {
        switch (reply) {
            case Reply.Slow slow -> {
                try {
                    Thread.sleep(slow.delay());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                reply(exchange, slow.then(), request, chat);
            }
            case Reply.Status status -> sendError(exchange, status.status(), status.headers(), status.message());
            case Reply.Drop drop -> exchange.close();
            case Reply.MalformedJson malformed -> send(exchange, 200,
                    "{\"id\": \"x\", \"choices\": [ {\"index\": 0, \"message\": ".getBytes(StandardCharsets.UTF_8));
            case Reply.Truncated truncated -> {
                byte[] full = answer(request, chat, null);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, full.length);
                OutputStream out = exchange.getResponseBody();
                out.write(full, 0, full.length / 2);
                out.flush();
                try {
                    out.close();
                } catch (IOException expected) {
                    // "insufficient bytes written": the JDK server closes the connection, as intended
                }
            }
            case Reply.Content content -> send(exchange, 200, answer(request, chat, content.text()));
            case Reply.Canned canned -> send(exchange, 200, this.canned);
            case Reply.Normal normal -> send(exchange, 200, answer(request, chat, null));
        }
    }

    /** The echo model's answer to an OpenAI request body, as the response body a server sends. */
    public ObjectNode answerBody(JsonNode body, boolean chat) {
        String model = body.path("model").asText("echo");
        ChatResponse response = this.model.apply(new ModelId("echo:scripted", model)).chat(parse(body, chat));
        String id = (chat ? "chatcmpl-" : "cmpl-") + ids.incrementAndGet();
        return chat ? chatBody(id, response, model) : completionBody(id, response, model);
    }

    private byte[] answer(Received received, boolean chat, String fixedContent) throws IOException {
        JsonNode body = received.json();
        String model = body.path("model").asText("echo");
        ChatRequest request = parse(body, chat);
        ChatResponse response = this.model.apply(new ModelId("echo:scripted", model)).chat(request);
        if (fixedContent != null) {
            List<Choice> choices = new ArrayList<>(response.choices());
            Choice first = choices.getFirst();
            choices.set(0, Choice.of(0, fixedContent, null, first.finishReason(), List.of()));
            response = new ChatResponse(response.model(), choices, response.usage());
        }
        String id = (chat ? "chatcmpl-" : "cmpl-") + ids.incrementAndGet();
        return JSON.writeValueAsBytes(chat ? chatBody(id, response, model) : completionBody(id, response, model));
    }

    /** A ChatRequest from an OpenAI request body, as an OpenAI-compatible server reads it. */
    public static ChatRequest parse(JsonNode body, boolean chat) {
        ChatRequest.Builder b = ChatRequest.builder();
        if (chat) {
            List<ChatMessage> messages = new ArrayList<>();
            for (JsonNode m : body.path("messages")) {
                messages.add(new ChatMessage(ChatMessage.Role.valueOf(m.path("role").asText().toUpperCase()),
                        m.path("content").asText()));
            }
            b.messages(messages);
        } else {
            b.rawPrompt(body.path("prompt").asText());
        }
        if (body.has("temperature")) {
            b.temperature(body.get("temperature").asDouble());
        }
        if (body.has("top_p")) {
            b.topP(body.get("top_p").asDouble());
        }
        JsonNode max = body.has("max_completion_tokens") ? body.get("max_completion_tokens") : body.get("max_tokens");
        if (max != null) {
            b.maxTokens(max.asInt());
        }
        JsonNode stop = body.get("stop");
        if (stop != null) {
            List<String> stops = new ArrayList<>();
            if (stop.isTextual()) {
                stops.add(stop.asText());
            } else {
                stop.forEach(s -> stops.add(s.asText()));
            }
            b.stop(stops);
        }
        if (body.has("seed")) {
            b.seed(body.get("seed").asLong());
        }
        if (body.has("n")) {
            b.n(body.get("n").asInt());
        }
        if (chat && body.path("logprobs").asBoolean(false)) {
            b.logprobs(body.path("top_logprobs").asInt(0));
        } else if (!chat && body.has("logprobs")) {
            b.logprobs(body.get("logprobs").asInt());
        }
        JsonNode format = body.get("response_format");
        if (format != null && "json_schema".equals(format.path("type").asText())) {
            JsonNode schema = format.path("json_schema");
            b.responseFormat(new ResponseFormat.JsonSchema(schema.path("name").asText(),
                    schema.path("schema").toString(), schema.path("strict").asBoolean(false)));
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!OpenAiWire.STANDARD_FIELDS.contains(name)) {
                b.extra(name, JSON.convertValue(body.get(name), Object.class));
            }
        });
        return b.build();
    }

    private ObjectNode chatBody(String id, ChatResponse response, String model) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", id).put("object", "chat.completion").put("created", 1_700_000_000L).put("model", model);
        ArrayNode choices = root.putArray("choices");
        for (Choice c : response.choices()) {
            ObjectNode choice = choices.addObject();
            choice.put("index", c.index());
            ObjectNode message = choice.putObject("message");
            message.put("role", "assistant");
            if (reasoningField && !c.reasoning().isEmpty()) {
                message.put("content", c.answer());
                message.put("reasoning_content", c.reasoning());
            } else {
                message.put("content", c.text());
            }
            if (c.logprobs().isEmpty()) {
                choice.putNull("logprobs");
            } else {
                ArrayNode content = choice.putObject("logprobs").putArray("content");
                for (TokenLogprob t : c.logprobs()) {
                    ObjectNode token = content.addObject().put("token", t.token()).put("logprob", t.logprob());
                    token.putNull("bytes");
                    ArrayNode top = token.putArray("top_logprobs");
                    for (TokenLogprob alt : t.top()) {
                        top.addObject().put("token", alt.token()).put("logprob", alt.logprob()).putNull("bytes");
                    }
                }
            }
            choice.put("finish_reason", c.finishReason().wireName());
        }
        usage(root, response);
        return root;
    }

    private static ObjectNode completionBody(String id, ChatResponse response, String model) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", id).put("object", "text_completion").put("created", 1_700_000_000L).put("model", model);
        ArrayNode choices = root.putArray("choices");
        for (Choice c : response.choices()) {
            ObjectNode choice = choices.addObject().put("index", c.index()).put("text", c.text());
            if (c.logprobs().isEmpty()) {
                choice.putNull("logprobs");
            } else {
                ObjectNode lp = choice.putObject("logprobs");
                ArrayNode tokens = lp.putArray("tokens");
                ArrayNode values = lp.putArray("token_logprobs");
                ArrayNode tops = lp.putArray("top_logprobs");
                ArrayNode offsets = lp.putArray("text_offset");
                int offset = 0;
                for (TokenLogprob t : c.logprobs()) {
                    tokens.add(t.token());
                    values.add(t.logprob());
                    ObjectNode top = tops.addObject();
                    t.top().forEach(alt -> top.put(alt.token(), alt.logprob()));
                    offsets.add(offset);
                    offset += t.token().length();
                }
            }
            choice.put("finish_reason", c.finishReason().wireName());
        }
        usage(root, response);
        return root;
    }

    private static void usage(ObjectNode root, ChatResponse response) {
        root.putObject("usage")
                .put("prompt_tokens", response.usage().promptTokens())
                .put("completion_tokens", response.usage().completionTokens())
                .put("total_tokens", response.usage().totalTokens());
    }

    static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    static void sendError(HttpExchange exchange, int status, Map<String, String> headers, String message)
            throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", status == 429 ? "rate_limit_exceeded" : status >= 500 ? "server_error" : "invalid_request_error");
        error.put("param", null);
        error.put("code", null);
        send(exchange, status, JSON.writeValueAsBytes(Map.of("error", error)));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
