package drp.llm.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import drp.core.chat.ChatException;
import drp.core.chat.ChatFailure;
import drp.core.chat.ModelId;
import drp.core.io.JsonCodec;
import drp.core.train.TrainingSpec;
import drp.llm.openai.ApiKey;
import drp.llm.openai.OpenAiErrors;
import drp.llm.openai.RetryAfter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Together's files and fine-tunes endpoints over {@link HttpClient}, as together-python 1.5.34
 * sends them: {@code POST /files/upload} (multipart {@code purpose}, {@code file_name},
 * {@code file_type}, {@code file}), {@code POST /fine-tunes} (the LoRA settings nested in
 * {@code training_type}, {@code train_on_inputs} in {@code training_method}), {@code GET
 * /fine-tunes} and {@code /fine-tunes/{id}} and its {@code /events}, {@code POST
 * /fine-tunes/{id}/cancel}. HTTP errors mean what they mean for OpenAI ({@link
 * OpenAiErrors#failure}); messages quote the server's with the key scrubbed.
 */
final class TogetherFineTuningApi implements FineTuningApi {

    private final HttpClient http;
    private final String baseUrl;
    private final ApiKey key;
    private final Duration timeout;
    private final OpenAiErrors errors;

    TogetherFineTuningApi(HostedTrainer.Connection connection) {
        this.baseUrl = connection.baseUrl().replaceAll("/+$", "");
        this.key = connection.key();
        this.timeout = connection.timeout();
        this.errors = new OpenAiErrors(new ModelId("together:" + baseUrl, "fine-tunes"), key);
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10))
                .build();
    }

    @Override
    public String upload(byte[] jsonl, String fileName) {
        String boundary = "drp-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        field(body, boundary, "purpose", "fine-tune");
        field(body, boundary, "file_name", fileName);
        field(body, boundary, "file_type", "jsonl");
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(jsonl);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = request("/files/upload")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return text(send(request), "id", "/files/upload");
    }

    private static void field(ByteArrayOutputStream body, String boundary, String name, String value) {
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Optional<String> findJob(String fileId) {
        List<String> found = new ArrayList<>();
        for (JsonNode job : send(request("/fine-tunes").GET().build()).path("data")) {
            if (fileId.equals(job.path("training_file").asText())) {
                found.add(job.path("id").asText());
            }
        }
        return found.stream().findFirst();
    }

    @Override
    public String create(String fileId, String baseModel, TrainingSpec spec) {
        ObjectNode body = TogetherFineTuningTrainer.createBody(fileId, baseModel, spec);
        return text(send(request("/fine-tunes").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build()), "id", "/fine-tunes");
    }

    @Override
    public HostedJob retrieve(String jobId) {
        return job(send(request("/fine-tunes/" + jobId).GET().build()));
    }

    @Override
    public List<HostedEvent> events(String jobId) {
        List<HostedEvent> events = new ArrayList<>();
        int index = 0;
        for (JsonNode e : send(request("/fine-tunes/" + jobId + "/events").GET().build()).path("data")) {
            // events carry no id; their hash, else their place in the list (which only grows), tells them apart
            String id = e.hasNonNull("hash") ? e.get("hash").asText() : "#" + index;
            events.add(new HostedEvent(id, e.path("message").asText("")));
            index++;
        }
        return events;
    }

    @Override
    public HostedJob cancel(String jobId) {
        return job(send(request("/fine-tunes/" + jobId + "/cancel").POST(HttpRequest.BodyPublishers.noBody()).build()));
    }

    /** A job object as drp reads it; its fine-tuned model is {@code model_output_name} on the wire. */
    static HostedJob job(JsonNode job) {
        String status = job.path("status").asText("");
        HostedJob.Phase phase = switch (status) {
            case "completed" -> HostedJob.Phase.SUCCEEDED;
            case "error", "user_error" -> HostedJob.Phase.FAILED;
            // a job asked to stop will not give a model: the run stops with it
            case "cancelled", "cancel_requested" -> HostedJob.Phase.CANCELLED;
            default -> HostedJob.Phase.RUNNING;
        };
        String model = job.hasNonNull("model_output_name") ? job.get("model_output_name").asText()
                : job.hasNonNull("output_name") ? job.get("output_name").asText() : null;
        if (phase == HostedJob.Phase.SUCCEEDED && model == null) {
            throw ChatException.of(ChatFailure.MALFORMED_RESPONSE, "together: fine-tuning job " + job.path("id").asText()
                    + " completed without naming its model (model_output_name)", 0, null, null);
        }
        String error = null;
        if (phase == HostedJob.Phase.FAILED) {
            // the job's last error event says why; the job object has no error field of its own
            for (JsonNode e : job.path("events")) {
                if (e.path("level").asText("").equalsIgnoreCase("error") || e.path("type").asText("").contains("ERROR")) {
                    error = e.path("message").asText();
                }
            }
            error = status + (error == null ? "" : ": " + error);
        }
        return new HostedJob(status, phase, model, error, job.path("token_count").asLong(0),
                job.path("total_steps").asLong(0), job.path("steps_completed").asLong(0));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
                .header("Accept", "application/json").header("User-Agent", "drp");
        if (key != null) {
            b.header("Authorization", "Bearer " + key.reveal());
        }
        return b;
    }

    /** Sends the request and reads its JSON answer; every failure as a ChatException. */
    private JsonNode send(HttpRequest request) {
        String where = "together " + request.method() + " " + request.uri().getPath();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw ChatException.of(ChatFailure.TIMEOUT, where + ": no answer in " + timeout, 0, null, null);
        } catch (IOException e) {
            throw ChatException.of(ChatFailure.CONNECTION, where + ": connection failed (" + detail(String.valueOf(
                    e.getMessage())) + ")", 0, null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ChatException.of(ChatFailure.CANCELLED, where + ": interrupted", 0, null, null);
        }
        int status = response.statusCode();
        if (status >= 400) {
            ChatFailure failure = OpenAiErrors.failure(status);
            Duration retryAfter = failure.retriable()
                    ? RetryAfter.parse(name -> response.headers().allValues(name), Instant.now()).orElse(null) : null;
            String hint = failure == ChatFailure.AUTHENTICATION ? " (check the API key's environment variable)" : "";
            throw ChatException.of(failure, where + ": HTTP " + status + " " + detail(message(response.body())) + hint,
                    status, retryAfter, null);
        }
        try {
            JsonNode body = JsonCodec.MAPPER.readTree(response.body());
            if (body == null || !body.isObject()) {
                throw new IllegalStateException("not a JSON object");
            }
            return body;
        } catch (JsonProcessingException | IllegalStateException e) {
            throw ChatException.of(ChatFailure.MALFORMED_RESPONSE, where + ": the answer is not JSON: "
                    + detail(response.body()), status, null, null);
        }
    }

    private static String text(JsonNode body, String field, String path) {
        if (!body.hasNonNull(field)) {
            throw ChatException.of(ChatFailure.MALFORMED_RESPONSE, "together " + path + ": the answer has no " + field
                    + ": " + body, 0, null, null);
        }
        return body.get(field).asText();
    }

    /** The server's own message from an error body, else the body. */
    private static String message(String body) {
        try {
            JsonNode node = JsonCodec.MAPPER.readTree(body);
            JsonNode error = node.path("error");
            if (error.isTextual()) {
                return error.asText();
            }
            if (error.hasNonNull("message")) {
                return error.get("message").asText();
            }
            if (node.hasNonNull("message")) {
                return node.get("message").asText();
            }
        } catch (IOException | RuntimeException notJson) {
            // an HTML error page from a proxy: quote it as it is
        }
        return body;
    }

    /** Text for a message: the key (and anything shaped like one) scrubbed, shortened as for chat calls. */
    private String detail(String text) {
        return errors.batchItemReason(0, "", text);
    }

    @Override
    public void close() {
        http.close();
    }
}
