package drp.llm.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import drp.core.chat.ChatException;
import drp.core.chat.ChatResponse;
import drp.core.chat.Choice;
import drp.core.chat.FinishReason;
import drp.core.chat.Prompt;
import drp.core.chat.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * An OpenAI-compatible HTTP server over one {@link ServedModel}: {@code GET /v1/models},
 * {@code POST /v1/chat/completions} and {@code POST /v1/completions} (with vLLM's {@code echo}, and
 * {@code logprobs} of the echoed prompt when the model can report them), with usage in every answer
 * and streaming as server-sent events ({@code data: {chunk}} lines ending with
 * {@code data: [DONE]}). Errors are OpenAI's JSON ({@code {"error": {...}}}) with the matching
 * status: 400 for a bad request, 404 for an unknown model or path, 405 for a wrong method, 413 for
 * a body over 4 MiB, 500 when the model fails. Each request runs on its own virtual thread.
 */
public final class OpenAiServer implements AutoCloseable {

    /** The largest request body read. */
    static final int MAX_BODY = 4 << 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServedModel model;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Consumer<String> log;
    private final long created = Instant.now().getEpochSecond();

    private OpenAiServer(ServedModel model, HttpServer server, ExecutorService executor, Consumer<String> log) {
        this.model = model;
        this.server = server;
        this.executor = executor;
        this.log = log;
    }

    /**
     * Starts serving {@code model} on {@code host}:{@code port} (0 picks a free port).
     *
     * @param log receives one line per request (method, path, status, tokens, time)
     */
    public static OpenAiServer start(ServedModel model, String host, int port, Consumer<String> log) throws IOException {
        Objects.requireNonNull(model, "model");
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        OpenAiServer served = new OpenAiServer(model, server, executor, log);
        server.createContext("/", served::handle);
        server.start();
        return served;
    }

    /** The port the server listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The API root clients are given, {@code http://HOST:PORT/v1}. */
    public URI baseUrl() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getHostString();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/v1");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        long start = System.nanoTime();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath().replaceAll("/+$", "");
        String outcome;
        try {
            outcome = route(exchange, method, path);
        } catch (ApiError e) {
            outcome = sendError(exchange, e);
        } catch (ChatException e) {
            outcome = sendError(exchange, fromChat(e));
        } catch (UncheckedIOException e) {
            outcome = "client gone (" + e.getCause().getMessage() + ")";
        } catch (IOException e) {
            outcome = "client gone (" + e.getMessage() + ")";
        } catch (RuntimeException e) {
            outcome = sendError(exchange, new ApiError(500, "server_error", "the model failed: " + e.getMessage(), null, null));
        } finally {
            exchange.close();
        }
        log.accept(String.format("%s %s %s %.2f s", method, path, outcome, (System.nanoTime() - start) / 1e9));
    }

    private String route(HttpExchange exchange, String method, String path) throws IOException {
        return switch (path) {
            case "/v1/models" -> {
                requireMethod(method, "GET");
                ObjectNode list = JSON.createObjectNode().put("object", "list");
                list.putArray("data").add(modelObject());
                yield send(exchange, 200, list);
            }
            case "/v1/chat/completions" -> {
                requireMethod(method, "POST");
                yield complete(exchange, ApiRequest.chat(body(exchange)), true);
            }
            case "/v1/completions" -> {
                requireMethod(method, "POST");
                yield complete(exchange, ApiRequest.completion(body(exchange)), false);
            }
            default -> {
                if (path.startsWith("/v1/models/")) {
                    requireMethod(method, "GET");
                    String name = path.substring("/v1/models/".length());
                    if (!name.equals(model.name())) {
                        throw modelNotFound(name);
                    }
                    yield send(exchange, 200, modelObject());
                }
                throw new ApiError(404, "invalid_request_error", "unknown path " + path + " (this server answers "
                        + "/v1/models, /v1/chat/completions and /v1/completions)", null, "unknown_url");
            }
        };
    }

    private String complete(HttpExchange exchange, ApiRequest request, boolean chat) throws IOException {
        if (!request.model().equals(model.name())) {
            throw modelNotFound(request.model());
        }
        String id = (chat ? "chatcmpl-" : "cmpl-") + UUID.randomUUID().toString().replace("-", "");
        long now = Instant.now().getEpochSecond();
        if (request.stream()) {
            return stream(exchange, request, chat, id, now);
        }
        if (request.echo() != null) {
            return echo(exchange, request, id, now);
        }
        ChatResponse response = model.answer(request.request(), (index, piece) -> { });
        ObjectNode body = JSON.createObjectNode().put("id", id).put("object", chat ? "chat.completion" : "text_completion")
                .put("created", now).put("model", model.name());
        ArrayNode choices = body.putArray("choices");
        for (Choice c : response.choices()) {
            ObjectNode choice = choices.addObject().put("index", c.index());
            if (chat) {
                choice.putObject("message").put("role", "assistant").put("content", c.text());
            } else {
                choice.put("text", c.text());
            }
            choice.putNull("logprobs");
            choice.put("finish_reason", c.finishReason().wireName());
        }
        body.set("usage", usage(response));
        send(exchange, 200, body);
        return "200 " + response.usage().promptTokens() + " prompt + " + response.usage().completionTokens()
                + " completion tokens";
    }

    /**
     * A completion that repeats its prompt, as vLLM's {@code echo}: the text is the prompt then what
     * was generated ({@code max_tokens: 0}: nothing), and with {@code logprobs} every token of it
     * comes with its log-probability, the prompt's first with none; usage counts the echoed
     * prompt's tokens as the prompt's.
     */
    private String echo(HttpExchange exchange, ApiRequest request, String id, long now) throws IOException {
        ApiRequest.Echo echo = request.echo();
        if (echo.logprobs() && model.echo() == null) {
            throw ApiError.invalid("the model '" + model.name() + "' cannot report the log-probabilities of a prompt",
                    "logprobs");
        }
        if (request.request().n() != 1) {
            throw ApiError.invalid("echo answers one choice on this server; 'n' must be 1", "n");
        }
        String prompt = ((Prompt.Text) request.request().prompt()).text();
        String generated = "";
        FinishReason finish = FinishReason.LENGTH;
        Usage usage = Usage.NONE;
        if (echo.generate()) {
            ChatResponse response = model.answer(request.request(), (index, piece) -> { });
            generated = response.choices().getFirst().text();
            finish = response.choices().getFirst().finishReason();
            usage = response.usage();
        }
        ObjectNode body = JSON.createObjectNode().put("id", id).put("object", "text_completion").put("created", now)
                .put("model", model.name());
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0).put("text", prompt + generated);
        if (echo.logprobs()) {
            List<ServedModel.EchoedToken> tokens = model.echo().tokens(prompt + generated);
            choice.set("logprobs", EchoLogprobs.json(tokens));
            int promptTokens = EchoLogprobs.promptTokens(tokens, generated);
            usage = new Usage(promptTokens, tokens.size() - promptTokens);
        } else {
            choice.putNull("logprobs");
        }
        choice.put("finish_reason", finish.wireName());
        body.set("usage", usage(usage));
        send(exchange, 200, body);
        return "200 echoed " + usage.promptTokens() + " prompt + " + usage.completionTokens() + " completion tokens";
    }

    private String stream(HttpExchange exchange, ApiRequest request, boolean chat, String id, long now) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        if (chat) {
            for (int i = 0; i < request.request().n(); i++) {
                ObjectNode delta = JSON.createObjectNode().put("role", "assistant").put("content", "");
                event(out, chunk(id, now, true, i, delta, null, null));
            }
        }
        ChatResponse response;
        try {
            response = model.answer(request.request(), (index, piece) -> {
                try {
                    event(out, chunk(id, now, chat, index, chat ? JSON.createObjectNode().put("content", piece) : null,
                            piece, null));
                } catch (IOException e) {
                    throw new UncheckedIOException(e); // the client left: stop generating
                }
            });
        } catch (UncheckedIOException e) {
            throw e;
        } catch (RuntimeException e) {
            // the status line is sent: the error goes into the stream, as OpenAI's servers do
            ApiError error = e instanceof ChatException chatError ? fromChat(chatError)
                    : new ApiError(500, "server_error", "the model failed: " + e.getMessage(), null, null);
            event(out, errorBody(error));
            return "200 stream failed: " + error.status + " " + error.getMessage();
        }
        for (Choice c : response.choices()) {
            event(out, chunk(id, now, chat, c.index(), chat ? JSON.createObjectNode() : null, chat ? null : "",
                    c.finishReason().wireName()));
        }
        if (request.includeUsage()) {
            ObjectNode last = JSON.createObjectNode().put("id", id)
                    .put("object", chat ? "chat.completion.chunk" : "text_completion").put("created", now)
                    .put("model", model.name());
            last.putArray("choices");
            last.set("usage", usage(response));
            event(out, last);
        }
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        return "200 streamed " + response.usage().promptTokens() + " prompt + " + response.usage().completionTokens()
                + " completion tokens";
    }

    private ObjectNode chunk(String id, long now, boolean chat, int index, ObjectNode delta, String text, String finish) {
        ObjectNode chunk = JSON.createObjectNode().put("id", id)
                .put("object", chat ? "chat.completion.chunk" : "text_completion").put("created", now)
                .put("model", model.name());
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", index);
        if (chat) {
            choice.set("delta", delta);
        } else {
            choice.put("text", text);
        }
        choice.putNull("logprobs");
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        return chunk;
    }

    private static void event(OutputStream out, JsonNode data) throws IOException {
        out.write(("data: " + JSON.writeValueAsString(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static ObjectNode usage(ChatResponse response) {
        return usage(response.usage());
    }

    private static ObjectNode usage(Usage usage) {
        return JSON.createObjectNode().put("prompt_tokens", usage.promptTokens())
                .put("completion_tokens", usage.completionTokens()).put("total_tokens", usage.totalTokens());
    }

    private ObjectNode modelObject() {
        return JSON.createObjectNode().put("id", model.name()).put("object", "model").put("created", created)
                .put("owned_by", "drp");
    }

    private ApiError modelNotFound(String name) {
        return new ApiError(404, "invalid_request_error", "The model '" + name + "' does not exist; this server serves '"
                + model.name() + "'", "model", "model_not_found");
    }

    private static void requireMethod(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw new ApiError(405, "invalid_request_error", method + " is not allowed here; use " + allowed, null,
                    "method_not_allowed");
        }
    }

    private static JsonNode body(HttpExchange exchange) throws IOException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        }
        if (bytes.length > MAX_BODY) {
            throw new ApiError(413, "invalid_request_error", "the request body is over " + (MAX_BODY >> 20) + " MiB",
                    null, "request_too_large");
        }
        try {
            JsonNode body = JSON.readTree(bytes);
            if (body == null || !body.isObject()) {
                throw ApiError.invalid("the request body must be a JSON object", null);
            }
            return body;
        } catch (JsonProcessingException e) {
            throw ApiError.invalid("the request body is not valid JSON: " + e.getOriginalMessage(), null);
        }
    }

    private static ApiError fromChat(ChatException e) {
        return switch (e.failure()) {
            case BAD_REQUEST -> ApiError.invalid(e.getMessage(), null);
            case NOT_FOUND -> new ApiError(404, "invalid_request_error", e.getMessage(), null, "not_found");
            case RATE_LIMITED -> new ApiError(429, "rate_limit_error", e.getMessage(), null, null);
            case TIMEOUT -> new ApiError(504, "server_error", e.getMessage(), null, "timeout");
            default -> new ApiError(500, "server_error", e.getMessage(), null, null);
        };
    }

    private static ObjectNode errorBody(ApiError e) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error").put("message", e.getMessage()).put("type", e.type);
        if (e.param == null) {
            error.putNull("param");
        } else {
            error.put("param", e.param);
        }
        if (e.code == null) {
            error.putNull("code");
        } else {
            error.put("code", e.code);
        }
        return body;
    }

    private static String sendError(HttpExchange exchange, ApiError e) {
        try {
            send(exchange, e.status, errorBody(e));
        } catch (IOException io) {
            return e.status + " (client gone)";
        }
        return e.status + " " + e.getMessage();
    }

    private static String send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        return String.valueOf(status);
    }
}
