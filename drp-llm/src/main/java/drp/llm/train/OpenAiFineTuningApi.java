package drp.llm.train;

import com.openai.client.OpenAIClient;
import com.openai.core.MultipartField;
import com.openai.errors.OpenAIException;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FilePurpose;
import com.openai.models.finetuning.jobs.FineTuningJob;
import com.openai.models.finetuning.jobs.FineTuningJobEvent;
import com.openai.models.finetuning.jobs.JobCreateParams;
import com.openai.models.finetuning.jobs.JobListEventsParams;
import com.openai.models.finetuning.jobs.JobListParams;
import drp.core.chat.ModelId;
import drp.core.train.TrainingSpec;
import drp.llm.openai.OpenAiChatModel;
import drp.llm.openai.OpenAiEndpoint;
import drp.llm.openai.OpenAiErrors;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * OpenAI's files and fine-tuning endpoints through the openai-java SDK (the client the chat
 * adapter uses, retries off: {@link HostedCalls} retries), failures mapped by {@link OpenAiErrors}.
 */
final class OpenAiFineTuningApi implements FineTuningApi {

    private final OpenAIClient client;
    private final OpenAiErrors errors;

    OpenAiFineTuningApi(HostedTrainer.Connection connection) {
        OpenAiEndpoint endpoint = OpenAiEndpoint.of(connection.baseUrl(), "fine-tuning")
                .withTimeouts(connection.timeout(), min(connection.timeout(), Duration.ofSeconds(10)));
        if (connection.key() != null) {
            endpoint = endpoint.withApiKey(connection.key());
        }
        this.errors = new OpenAiErrors(new ModelId("openai:" + connection.baseUrl(), "fine-tuning"), endpoint.apiKey());
        this.client = OpenAiChatModel.client(endpoint);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    private <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (OpenAIException e) {
            throw errors.map(e);
        }
    }

    @Override
    public String upload(byte[] jsonl, String fileName) {
        return call(() -> client.files().create(FileCreateParams.builder()
                .purpose(FilePurpose.FINE_TUNE)
                .file(MultipartField.<InputStream>builder().value(new ByteArrayInputStream(jsonl)).filename(fileName)
                        .build())
                .build()).id());
    }

    @Override
    public Optional<String> findJob(String fileId) {
        // the newest jobs; one made from this run's own file is this run's
        return call(() -> client.fineTuning().jobs().list(JobListParams.builder().limit(100).build()).data().stream()
                .filter(j -> j.trainingFile().equals(fileId)).map(FineTuningJob::id).findFirst());
    }

    @Override
    public String create(String fileId, String baseModel, TrainingSpec spec) {
        JobCreateParams.Hyperparameters.Builder hp = JobCreateParams.Hyperparameters.builder()
                .nEpochs(Math.round(spec.epochs()));
        if (spec.options().get("learning_rate_multiplier") instanceof Number n) {
            hp.learningRateMultiplier(n.doubleValue());
        }
        if (spec.options().get("batch_size") instanceof Number n) {
            hp.batchSize(n.longValue());
        }
        JobCreateParams.Builder create = JobCreateParams.builder().model(baseModel).trainingFile(fileId)
                .seed(spec.seed()).hyperparameters(hp.build());
        Object suffix = spec.options().get("suffix");
        if (suffix != null) {
            create.suffix(suffix.toString());
        }
        return call(() -> client.fineTuning().jobs().create(create.build()).id());
    }

    @Override
    public HostedJob retrieve(String jobId) {
        // the SDK reads fields lazily: a malformed answer fails in job(), inside call()
        return call(() -> job(client.fineTuning().jobs().retrieve(jobId)));
    }

    @Override
    public List<HostedEvent> events(String jobId) {
        JobListEventsParams params = JobListEventsParams.builder().fineTuningJobId(jobId).limit(100).build();
        return call(() -> {
            List<HostedEvent> events = new ArrayList<>();
            // the API lists newest first
            for (FineTuningJobEvent e : client.fineTuning().jobs().listEvents(params).data()) {
                events.addFirst(new HostedEvent(e.id(), e.message()));
            }
            return events;
        });
    }

    @Override
    public HostedJob cancel(String jobId) {
        return call(() -> job(client.fineTuning().jobs().cancel(jobId)));
    }

    private static HostedJob job(FineTuningJob job) {
        String status = job.status().asString();
        HostedJob.Phase phase = switch (status) {
            case "succeeded" -> HostedJob.Phase.SUCCEEDED;
            case "failed" -> HostedJob.Phase.FAILED;
            case "cancelled" -> HostedJob.Phase.CANCELLED;
            default -> HostedJob.Phase.RUNNING;
        };
        return new HostedJob(status, phase, job.fineTunedModel().orElse(null),
                job.error().map(e -> e.code() + ": " + e.message()).orElse(null), job.trainedTokens().orElse(0L), 0, 0);
    }

    @Override
    public void close() {
        client.close();
    }
}
