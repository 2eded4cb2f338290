package drp.llm.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Together's files and fine-tunes endpoints, on a {@link ScriptedOpenAiServer}, shaped as
 * together-python 1.5.34 reads them: a multipart {@code /files/upload}, a fine-tune that goes
 * pending -> queued -> running (one step per look, in {@code steps_completed} of
 * {@code total_steps}) -> compressing -> uploading -> completed with a {@code model_output_name},
 * its events oldest first with a {@code hash}; or one scripted to end in {@code error}; a cancel
 * request makes it cancel_requested, then cancelled.
 */
public final class ScriptedTogetherApi implements ScriptedOpenAiServer.RouteHandler {

    private static final Pattern JOB = Pattern.compile("/v1/fine-tunes/([^/]+)(/events|/cancel)?");

    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final List<String> uploadBodies = new ArrayList<>();
    private final Map<String, ObjectNode> jobs = new LinkedHashMap<>();
    private final Map<String, List<ObjectNode>> events = new LinkedHashMap<>();
    private final Map<String, Integer> polls = new LinkedHashMap<>();
    private final List<JsonNode> created = new ArrayList<>();
    private int ids;
    private int steps = 4;
    private String failure;

    private ScriptedTogetherApi() {}

    /** Adds the endpoints to {@code server}. */
    public static ScriptedTogetherApi on(ScriptedOpenAiServer server) {
        ScriptedTogetherApi api = new ScriptedTogetherApi();
        server.route(api);
        return api;
    }

    /** How many training steps a job takes. */
    public synchronized ScriptedTogetherApi steps(int n) {
        this.steps = n;
        return this;
    }

    /** Every job ends in {@code error} once it runs, with this message in its error event. */
    public synchronized ScriptedTogetherApi failsWith(String message) {
        this.failure = message;
        return this;
    }

    /** The uploaded files' contents, in order. */
    public synchronized List<String> uploads() {
        return files.values().stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    /** The whole multipart bodies of the uploads, form fields included. */
    public synchronized List<String> uploadBodies() {
        return List.copyOf(uploadBodies);
    }

    /** The bodies of the fine-tune creation requests, in order. */
    public synchronized List<JsonNode> jobsCreated() {
        return List.copyOf(created);
    }

    @Override
    public synchronized boolean handle(HttpExchange exchange, ScriptedOpenAiServer.Received request) throws IOException {
        String path = request.path();
        String method = request.method();
        if (path.equals("/v1/files/upload") && method.equals("POST")) {
            byte[] content = ScriptedBatchApi.multipartFile(request.body(),
                    exchange.getRequestHeaders().getFirst("Content-Type"));
            String id = "file-" + (++ids) + "-together";
            files.put(id, content);
            uploadBodies.add(request.body());
            ObjectNode file = ScriptedOpenAiServer.JSON.createObjectNode();
            file.put("id", id).put("object", "file").put("created_at", 1_715_021_438L).put("filename", "drp.jsonl")
                    .put("bytes", content.length).put("purpose", "fine-tune").put("Processed", true)
                    .put("FileType", "jsonl").put("LineCount", content.length == 0 ? 0 : 3);
            send(exchange, file);
            return true;
        }
        if (path.equals("/v1/fine-tunes") && method.equals("POST")) {
            JsonNode body = request.json();
            created.add(body);
            String id = "ft-" + (++ids) + "-0000";
            ObjectNode job = ScriptedOpenAiServer.JSON.createObjectNode();
            job.put("id", id).put("training_file", body.path("training_file").asText())
                    .put("model", body.path("model").asText()).putNull("model_output_name")
                    .put("n_epochs", body.path("n_epochs").asLong()).put("learning_rate", body.path("learning_rate").asDouble())
                    .put("status", "pending").put("created_at", "2026-12-01T00:00:00Z").put("total_steps", 0)
                    .put("steps_completed", 0).put("token_count", 0);
            job.set("training_type", body.path("training_type"));
            job.putArray("events");
            jobs.put(id, job);
            events.put(id, new ArrayList<>());
            polls.put(id, 0);
            event(id, "JOB_PENDING", "Info", "Fine tune request created");
            send(exchange, job);
            return true;
        }
        if (path.equals("/v1/fine-tunes") && method.equals("GET")) {
            ObjectNode list = ScriptedOpenAiServer.JSON.createObjectNode();
            ArrayNode data = list.putArray("data");
            jobs.values().forEach(data::add);
            send(exchange, list);
            return true;
        }
        Matcher m = JOB.matcher(path);
        if (!m.matches()) {
            return false;
        }
        String id = m.group(1);
        ObjectNode job = jobs.get(id);
        if (job == null) {
            ScriptedOpenAiServer.sendError(exchange, 404, Map.of(), "fine-tune job not found: " + id);
            return true;
        }
        if ("/cancel".equals(m.group(2)) && method.equals("POST")) {
            job.put("status", "cancel_requested");
            event(id, "CANCEL_REQUESTED", "Info", "Cancel requested");
            send(exchange, job);
            return true;
        }
        if ("/events".equals(m.group(2)) && method.equals("GET")) {
            ObjectNode list = ScriptedOpenAiServer.JSON.createObjectNode();
            list.put("object", "list");
            ArrayNode data = list.putArray("data");
            events.get(id).forEach(data::add);
            send(exchange, list);
            return true;
        }
        if (m.group(2) == null && method.equals("GET")) {
            advance(id, job);
            job.set("events", ScriptedOpenAiServer.JSON.valueToTree(events.get(id)));
            send(exchange, job);
            return true;
        }
        return false;
    }

    private void advance(String id, ObjectNode job) {
        int poll = polls.merge(id, 1, Integer::sum);
        String status = job.path("status").asText();
        switch (status) {
            case "completed", "error", "user_error", "cancelled" -> {
                return;
            }
            case "cancel_requested" -> {
                job.put("status", "cancelled");
                event(id, "JOB_STOPPED", "Info", "Job cancelled");
                return;
            }
            default -> { }
        }
        if (poll == 1) {
            job.put("status", "queued").put("queue_depth", 1);
        } else if (poll == 2) {
            job.put("status", "running").put("total_steps", steps).put("token_count", 1234L * steps);
            event(id, "TRAINING_START", "Info", "Training started for model " + job.path("model").asText());
        } else if (failure != null) {
            job.put("status", "error");
            event(id, "JOB_ERROR", "Error", failure);
        } else if (job.path("steps_completed").asInt() < steps) {
            int step = job.path("steps_completed").asInt() + 1;
            job.put("steps_completed", step);
            event(id, "CHECKPOINT_SAVE", "Info", "Step " + step + "/" + steps + ": loss=" + 2.0 / step);
        } else if (status.equals("running")) {
            job.put("status", "compressing");
            event(id, "COMPRESSING_MODEL", "Info", "Compressing output model");
        } else if (status.equals("compressing")) {
            job.put("status", "uploading");
        } else {
            job.put("status", "completed").put("model_output_name", "drp-user/" + job.path("model").asText()
                    .replaceAll(".*/", "") + "-drp-" + id);
            event(id, "JOB_COMPLETE", "Info", "Fine-tuning job completed");
        }
    }

    private void event(String jobId, String type, String level, String message) {
        ObjectNode e = ScriptedOpenAiServer.JSON.createObjectNode();
        e.put("object", "fine-tune-event").put("created_at", "2026-12-01T00:00:00Z").put("level", level)
                .put("message", message).put("type", type).put("hash", "h" + (++ids));
        events.get(jobId).add(e);
    }

    private static void send(HttpExchange exchange, JsonNode body) throws IOException {
        ScriptedOpenAiServer.send(exchange, 200, ScriptedOpenAiServer.JSON.writeValueAsBytes(body));
    }
}
