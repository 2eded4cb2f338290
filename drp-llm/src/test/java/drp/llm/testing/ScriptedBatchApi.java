package drp.llm.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files and batches endpoints of the OpenAI API, on a {@link ScriptedOpenAiServer}: uploads
 * (multipart), batches that validate, run for a few polls and complete with an output file in
 * reverse order and an error file, listing, cancelling, downloads. Items can be scripted to fail
 * once (server error), expire once, or be rejected (HTTP 400).
 */
public final class ScriptedBatchApi implements ScriptedOpenAiServer.RouteHandler {

    private static final Pattern BATCH = Pattern.compile("/v1/batches/([^/]+)(/cancel)?");
    private static final Pattern CONTENT = Pattern.compile("/v1/files/([^/]+)/content");

    private final ScriptedOpenAiServer server;
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final Map<String, ObjectNode> batches = new LinkedHashMap<>();
    private final Map<String, Integer> polls = new HashMap<>();
    private final Map<String, String> failOnce = new HashMap<>();
    private final List<String> rejected = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile int pollsUntilDone = 2;

    private ScriptedBatchApi(ScriptedOpenAiServer server) {
        this.server = server;
    }

    /** Adds the batch endpoints to {@code server}. */
    public static ScriptedBatchApi on(ScriptedOpenAiServer server) {
        ScriptedBatchApi api = new ScriptedBatchApi(server);
        server.route(api);
        return api;
    }

    /** How many times a batch reports in_progress before it completes. */
    public ScriptedBatchApi pollsUntilDone(int n) {
        this.pollsUntilDone = n;
        return this;
    }

    /** The first submission of {@code customId} lands in the error file as a server error. */
    public synchronized ScriptedBatchApi failOnce(String customId) {
        failOnce.put(customId, "server_error");
        return this;
    }

    /** The first submission of {@code customId} expires (error file, {@code batch_expired}). */
    public synchronized ScriptedBatchApi expireOnce(String customId) {
        failOnce.put(customId, "batch_expired");
        return this;
    }

    /** Every submission of {@code customId} is answered with HTTP 400 in the output file. */
    public synchronized ScriptedBatchApi reject(String customId) {
        rejected.add(customId);
        return this;
    }

    /** The custom_ids of each uploaded input file, in upload order. */
    public synchronized List<List<String>> uploads() {
        List<List<String>> out = new ArrayList<>();
        for (byte[] file : files.values()) {
            String text = new String(file, StandardCharsets.UTF_8);
            if (!text.contains("\"custom_id\"") || text.contains("\"response\"")) {
                continue;
            }
            List<String> customIds = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (!line.isBlank()) {
                    customIds.add(tree(line).path("custom_id").asText());
                }
            }
            out.add(customIds);
        }
        return out;
    }

    public synchronized int batchesCreated() {
        return batches.size();
    }

    public synchronized String status(String batchId) {
        return batches.get(batchId).path("status").asText();
    }

    @Override
    public synchronized boolean handle(HttpExchange exchange, ScriptedOpenAiServer.Received request) throws IOException {
        String path = request.path();
        String method = request.method();
        if (path.equals("/v1/files") && method.equals("POST")) {
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            byte[] content = multipartFile(request.body(), contentType);
            String id = "file-" + ids.incrementAndGet();
            files.put(id, content);
            send(exchange, fileObject(id, content.length, "batch"));
            return true;
        }
        Matcher content = CONTENT.matcher(path);
        if (content.matches() && method.equals("GET")) {
            byte[] file = files.get(content.group(1));
            if (file == null) {
                ScriptedOpenAiServer.sendError(exchange, 404, Map.of(), "no file " + content.group(1));
            } else {
                exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
                exchange.sendResponseHeaders(200, file.length == 0 ? -1 : file.length);
                exchange.getResponseBody().write(file);
            }
            return true;
        }
        if (path.equals("/v1/batches") && method.equals("POST")) {
            JsonNode body = request.json();
            String inputFile = body.path("input_file_id").asText();
            if (!files.containsKey(inputFile)) {
                ScriptedOpenAiServer.sendError(exchange, 400, Map.of(), "no input file " + inputFile);
                return true;
            }
            String id = "batch_" + ids.incrementAndGet();
            ObjectNode batch = ScriptedOpenAiServer.JSON.createObjectNode();
            batch.put("id", id).put("object", "batch").put("endpoint", body.path("endpoint").asText())
                    .put("input_file_id", inputFile).put("completion_window", body.path("completion_window").asText())
                    .put("status", "validating").put("created_at", 1_700_000_000L + ids.get());
            counts(batch, lines(inputFile).size(), 0, 0);
            batches.put(id, batch);
            polls.put(id, 0);
            send(exchange, batch);
            return true;
        }
        if (path.equals("/v1/batches") && method.equals("GET")) {
            ObjectNode page = ScriptedOpenAiServer.JSON.createObjectNode();
            ArrayNode data = page.put("object", "list").putArray("data");
            List<ObjectNode> newestFirst = new ArrayList<>(batches.values());
            Collections.reverse(newestFirst);
            newestFirst.forEach(data::add);
            page.put("has_more", false);
            send(exchange, page);
            return true;
        }
        Matcher batchPath = BATCH.matcher(path);
        if (batchPath.matches()) {
            ObjectNode batch = batches.get(batchPath.group(1));
            if (batch == null) {
                ScriptedOpenAiServer.sendError(exchange, 404, Map.of(), "no batch " + batchPath.group(1));
                return true;
            }
            if (batchPath.group(2) != null && method.equals("POST")) {
                if (!List.of("completed", "failed", "expired", "cancelled").contains(batch.path("status").asText())) {
                    batch.put("status", "cancelling");
                }
                send(exchange, batch);
                return true;
            }
            if (method.equals("GET")) {
                advance(batch);
                send(exchange, batch);
                return true;
            }
        }
        return false;
    }

    private void advance(ObjectNode batch) {
        String id = batch.path("id").asText();
        int seen = polls.merge(id, 1, Integer::sum);
        switch (batch.path("status").asText()) {
            case "validating" -> batch.put("status", "in_progress");
            case "in_progress" -> {
                int total = batch.path("request_counts").path("total").asInt();
                if (seen > pollsUntilDone) {
                    finish(batch, total);
                } else {
                    counts(batch, total, Math.min(total, total * seen / (pollsUntilDone + 1)), 0);
                }
            }
            case "cancelling" -> finish(batch, lines(batch.path("input_file_id").asText()).size() / 2);
            default -> { }
        }
    }

    /** Answers the first {@code answered} lines (all of them unless cancelled) and writes the files. */
    private void finish(ObjectNode batch, int answered) {
        boolean cancelling = batch.path("status").asText().equals("cancelling");
        List<JsonNode> lines = lines(batch.path("input_file_id").asText());
        List<String> output = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int completed = 0;
        int failed = 0;
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            String customId = line.path("custom_id").asText();
            if (cancelling && i >= answered) {
                continue;
            }
            ObjectNode out = ScriptedOpenAiServer.JSON.createObjectNode();
            out.put("id", "batch_req_" + ids.incrementAndGet()).put("custom_id", customId);
            String fate = failOnce.remove(customId);
            if (fate != null) {
                out.putNull("response");
                out.putObject("error").put("code", fate).put("message", fate.equals("batch_expired")
                        ? "This request could not be executed before the completion window expired." : "The server had an error.");
                errors.add(out.toString());
                failed++;
            } else if (rejected.contains(customId)) {
                ObjectNode response = out.putObject("response").put("status_code", 400).put("request_id", "req_x");
                response.putObject("body").putObject("error").put("message", "Invalid 'max_tokens': too large.")
                        .put("code", "invalid_request_error");
                out.putNull("error");
                output.add(out.toString());
                failed++;
            } else {
                boolean chat = line.path("url").asText().endsWith("/chat/completions");
                ObjectNode response = out.putObject("response").put("status_code", 200).put("request_id", "req_x");
                response.set("body", server.answerBody(line.path("body"), chat));
                out.putNull("error");
                output.add(out.toString());
                completed++;
            }
        }
        // batches promise no order; reverse it so a join by position would be caught
        Collections.reverse(output);
        if (!output.isEmpty()) {
            batch.put("output_file_id", store(output));
        }
        if (!errors.isEmpty()) {
            batch.put("error_file_id", store(errors));
        }
        batch.put("status", cancelling ? "cancelled" : "completed");
        counts(batch, lines.size(), completed, failed);
    }

    private String store(List<String> lines) {
        String id = "file-" + ids.incrementAndGet();
        files.put(id, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        return id;
    }

    private List<JsonNode> lines(String fileId) {
        List<JsonNode> out = new ArrayList<>();
        for (String line : new String(files.get(fileId), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                out.add(tree(line));
            }
        }
        return out;
    }

    private static JsonNode tree(String json) {
        try {
            return ScriptedOpenAiServer.JSON.readTree(json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void counts(ObjectNode batch, int total, int completed, int failed) {
        batch.putObject("request_counts").put("total", total).put("completed", completed).put("failed", failed);
    }

    private static ObjectNode fileObject(String id, long bytes, String purpose) {
        ObjectNode file = ScriptedOpenAiServer.JSON.createObjectNode();
        file.put("id", id).put("object", "file").put("bytes", bytes).put("created_at", 1_700_000_000L)
                .put("filename", id + ".jsonl").put("purpose", purpose).put("status", "processed");
        return file;
    }

    private static void send(HttpExchange exchange, JsonNode body) throws IOException {
        ScriptedOpenAiServer.send(exchange, 200, ScriptedOpenAiServer.JSON.writeValueAsBytes(body));
    }

    /** The {@code file} part of a multipart/form-data body. */
    static byte[] multipartFile(String body, String contentType) {
        Matcher m = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(contentType == null ? "" : contentType);
        if (!m.find()) {
            throw new IllegalArgumentException("not multipart: " + contentType);
        }
        String boundary = "--" + m.group(1);
        for (String part : body.split(Pattern.quote(boundary))) {
            int headerEnd = part.indexOf("\r\n\r\n");
            if (headerEnd < 0 || !part.substring(0, headerEnd).contains("name=\"file\"")) {
                continue;
            }
            String content = part.substring(headerEnd + 4);
            if (content.endsWith("\r\n")) {
                content = content.substring(0, content.length() - 2);
            }
            return content.getBytes(StandardCharsets.UTF_8);
        }
        throw new IllegalArgumentException("multipart body has no file part");
    }
}
