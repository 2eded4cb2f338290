package drp.llm.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files and fine-tuning endpoints of the OpenAI API, on a {@link ScriptedOpenAiServer}: a
 * {@code fine-tune} upload, a job that goes validating_files -> queued -> running (one metrics
 * event "Step N/M: training loss=X" per poll) -> succeeded with a fine-tuned model name, its
 * events newest first; or a job scripted to fail with a code and message. Jobs are listed newest
 * first, and a cancel request cancels a job at once.
 */
public final class ScriptedFineTuningApi implements ScriptedOpenAiServer.RouteHandler {

    private static final Pattern JOB = Pattern.compile("/v1/fine_tuning/jobs/([^/]+)(/events)?");
    private static final Pattern CANCEL = Pattern.compile("/v1/fine_tuning/jobs/([^/]+)/cancel");

    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final Map<String, ObjectNode> jobs = new LinkedHashMap<>();
    private final Map<String, List<ObjectNode>> events = new LinkedHashMap<>();
    private final Map<String, Integer> polls = new LinkedHashMap<>();
    private final List<JsonNode> created = new ArrayList<>();
    private int ids;
    private int steps = 4;
    private String[] failure;

    private ScriptedFineTuningApi() {}

    /** Adds the endpoints to {@code server}. */
    public static ScriptedFineTuningApi on(ScriptedOpenAiServer server) {
        ScriptedFineTuningApi api = new ScriptedFineTuningApi();
        server.route(api);
        return api;
    }

    /** How many training steps a job reports before it succeeds. */
    public synchronized ScriptedFineTuningApi steps(int n) {
        this.steps = n;
        return this;
    }

    /** Every job fails after it starts running, with this error. */
    public synchronized ScriptedFineTuningApi failsWith(String code, String message) {
        this.failure = new String[] {code, message};
        return this;
    }

    /** The uploaded files' contents, in order. */
    public synchronized List<String> uploads() {
        return files.values().stream().map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8)).toList();
    }

    /** The bodies of the job creation requests, in order. */
    public synchronized List<JsonNode> jobsCreated() {
        return List.copyOf(created);
    }

    @Override
    public synchronized boolean handle(HttpExchange exchange, ScriptedOpenAiServer.Received request) throws IOException {
        String path = request.path();
        if (path.equals("/v1/files") && request.method().equals("POST")) {
            byte[] content = ScriptedBatchApi.multipartFile(request.body(),
                    exchange.getRequestHeaders().getFirst("Content-Type"));
            String id = "file-ft" + (++ids);
            files.put(id, content);
            ObjectNode file = ScriptedOpenAiServer.JSON.createObjectNode();
            file.put("id", id).put("object", "file").put("bytes", content.length).put("created_at", 1_700_000_000L)
                    .put("filename", id + ".jsonl").put("purpose", "fine-tune").put("status", "processed");
            send(exchange, file);
            return true;
        }
        if (path.equals("/v1/fine_tuning/jobs") && request.method().equals("POST")) {
            JsonNode body = request.json();
            created.add(body);
            String id = "ftjob-" + (++ids);
            ObjectNode job = ScriptedOpenAiServer.JSON.createObjectNode();
            job.put("id", id).put("object", "fine_tuning.job").put("created_at", 1_700_000_000L)
                    .put("model", body.path("model").asText()).putNull("fine_tuned_model").put("organization_id", "org-drp")
                    .put("status", "validating_files").putNull("trained_tokens")
                    .put("training_file", body.path("training_file").asText()).putNull("validation_file")
                    .putNull("finished_at").putNull("error").put("seed", body.path("seed").asLong());
            job.putArray("result_files");
            ObjectNode hp = job.putObject("hyperparameters");
            hp.set("n_epochs", body.at("/hyperparameters/n_epochs"));
            hp.put("batch_size", "auto").put("learning_rate_multiplier", "auto");
            jobs.put(id, job);
            events.put(id, new ArrayList<>());
            polls.put(id, 0);
            event(id, "message", "Validating training file: " + body.path("training_file").asText());
            send(exchange, job);
            return true;
        }
        if (path.equals("/v1/fine_tuning/jobs") && request.method().equals("GET")) {
            ObjectNode list = ScriptedOpenAiServer.JSON.createObjectNode();
            list.put("object", "list").put("has_more", false);
            ArrayNode data = list.putArray("data");
            List<ObjectNode> all = new ArrayList<>(jobs.values());
            for (int i = all.size() - 1; i >= 0; i--) {
                data.add(all.get(i));
            }
            send(exchange, list);
            return true;
        }
        Matcher cancel = CANCEL.matcher(path);
        if (cancel.matches() && request.method().equals("POST")) {
            ObjectNode job = jobs.get(cancel.group(1));
            if (job == null) {
                ScriptedOpenAiServer.sendError(exchange, 404, Map.of(), "no fine-tuning job " + cancel.group(1));
                return true;
            }
            job.put("status", "cancelled");
            event(cancel.group(1), "message", "Fine-tuning job cancelled");
            send(exchange, job);
            return true;
        }
        Matcher m = JOB.matcher(path);
        if (m.matches() && request.method().equals("GET")) {
            String id = m.group(1);
            ObjectNode job = jobs.get(id);
            if (job == null) {
                ScriptedOpenAiServer.sendError(exchange, 404, Map.of(), "no fine-tuning job " + id);
                return true;
            }
            if (m.group(2) != null) {
                ObjectNode list = ScriptedOpenAiServer.JSON.createObjectNode();
                list.put("object", "list").put("has_more", false);
                ArrayNode data = list.putArray("data");
                List<ObjectNode> all = events.get(id);
                for (int i = all.size() - 1; i >= 0; i--) {
                    data.add(all.get(i));
                }
                send(exchange, list);
                return true;
            }
            advance(id, job);
            send(exchange, job);
            return true;
        }
        return false;
    }

    private void advance(String id, ObjectNode job) {
        int poll = polls.merge(id, 1, Integer::sum);
        String status = job.path("status").asText();
        if (status.equals("succeeded") || status.equals("failed") || status.equals("cancelled")) {
            return;
        }
        if (poll == 1) {
            job.put("status", "queued");
        } else if (poll == 2) {
            job.put("status", "running");
            event(id, "message", "Fine-tuning job started");
        } else if (failure != null) {
            job.put("status", "failed");
            job.putObject("error").put("code", failure[0]).put("message", failure[1]).putNull("param");
            event(id, "message", "Fine-tuning job failed");
        } else {
            int step = poll - 2;
            event(id, "metrics", String.format("Step %d/%d: training loss=%.4f", step, steps, 2.0 / step));
            if (step >= steps) {
                job.put("status", "succeeded");
                job.put("fine_tuned_model", "ft:" + job.path("model").asText() + ":org-drp::" + id.substring(6));
                job.put("trained_tokens", 1234L * steps);
                job.put("finished_at", 1_700_000_100L);
                event(id, "message", "The job has successfully completed");
            }
        }
    }

    private void event(String jobId, String type, String message) {
        ObjectNode e = ScriptedOpenAiServer.JSON.createObjectNode();
        e.put("id", "ftevent-" + (++ids)).put("object", "fine_tuning.job.event").put("created_at", 1_700_000_000L)
                .put("level", "info").put("message", message).put("type", type);
        e.putObject("data");
        events.get(jobId).add(e);
    }

    private static void send(HttpExchange exchange, JsonNode body) throws IOException {
        ScriptedOpenAiServer.send(exchange, 200, ScriptedOpenAiServer.JSON.writeValueAsBytes(body));
    }
}
