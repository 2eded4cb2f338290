package drp.core.sft.export;

import drp.core.sft.RenderedExample;
import drp.core.sft.SftExample;
import drp.core.sft.SftSplit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every export of an SFT build, each in its own folder with a README saying how to train on it:
 * <pre>
 * DIR/openai/        train.jsonl, validation.jsonl   chat messages (OpenAI, Together, TRL conversational)
 * DIR/trl/           train.jsonl, validation.jsonl   prompt/completion, chat template applied (TRL)
 * DIR/llamafactory/  NAME.jsonl, NAME_validation.jsonl, dataset_info.json (LLaMA-Factory)
 * DIR/rendered/      train.jsonl, train.txt, ...     the training sequences with the loss region marked
 * </pre>
 * trl/ and rendered/ need the rendered examples (the student's chat template); without them only
 * openai/ and llamafactory/ are written. A validation file is written only when the split has one.
 */
public final class SftExports {

    /**
     * What the READMEs say about the data.
     *
     * @param datasetName     the LLaMA-Factory dataset name (its validation set is NAME_validation)
     * @param template        where the student's chat template came from, or null
     * @param stripsReasoning the template removes the think text from assistant turns
     * @param cutoff          the most tokens of a whole training sequence, or 0
     * @param tokenizer       the tokenizer that counted, e.g. qwen2
     */
    public record Notes(String datasetName, String template, boolean stripsReasoning, int cutoff, String tokenizer) {}

    private SftExports() {}

    /**
     * Writes every export of {@code split}.
     *
     * @param rendered the renderings of the split's examples (any order, by id), or empty
     * @return the folders written, by export name ({@code openai}, {@code trl}, {@code llamafactory}, {@code rendered})
     */
    public static Map<String, Path> writeAll(Path dir, SftSplit split, List<RenderedExample> rendered, Notes notes) {
        Map<String, Path> written = new LinkedHashMap<>();
        boolean validation = !split.validation().isEmpty();

        Path openai = dir.resolve("openai");
        ChatMessagesExport.write(split.train(), openai.resolve("train.jsonl"));
        if (validation) {
            ChatMessagesExport.write(split.validation(), openai.resolve("validation.jsonl"));
        }
        ExportFiles.writeText(openai.resolve("README.md"), openaiReadme(notes, validation));
        written.put("openai", openai);

        Path lf = dir.resolve("llamafactory");
        LlamaFactoryExport.write(split.train(), lf, notes.datasetName());
        if (validation) {
            LlamaFactoryExport.write(split.validation(), lf, notes.datasetName() + "_validation");
        }
        ExportFiles.writeText(lf.resolve("README.md"), llamaFactoryReadme(notes, validation));
        written.put("llamafactory", lf);

        if (!rendered.isEmpty()) {
            Map<String, RenderedExample> byId = new LinkedHashMap<>();
            rendered.forEach(r -> byId.put(r.id(), r));
            List<RenderedExample> train = pick(split.train(), byId);
            List<RenderedExample> val = pick(split.validation(), byId);
            Path trl = dir.resolve("trl");
            PromptCompletionExport.write(train, trl.resolve("train.jsonl"));
            if (validation) {
                PromptCompletionExport.write(val, trl.resolve("validation.jsonl"));
            }
            ExportFiles.writeText(trl.resolve("README.md"), trlReadme(notes, validation));
            written.put("trl", trl);
            Path shown = dir.resolve("rendered");
            RenderedTextExport.write(train, shown.resolve("train.jsonl"), shown.resolve("train.txt"));
            if (validation) {
                RenderedTextExport.write(val, shown.resolve("validation.jsonl"), shown.resolve("validation.txt"));
            }
            ExportFiles.writeText(shown.resolve("README.md"), renderedReadme(notes));
            written.put("rendered", shown);
        }
        return written;
    }

    private static List<RenderedExample> pick(List<SftExample> examples, Map<String, RenderedExample> byId) {
        List<RenderedExample> out = new ArrayList<>();
        for (SftExample e : examples) {
            RenderedExample r = byId.get(e.id());
            if (r == null) {
                throw new IllegalArgumentException("example " + e.id() + " has no rendering");
            }
            out.add(r);
        }
        return out;
    }

    private static String cutoffLine(Notes n) {
        return n.cutoff() > 0
                ? "Every example is at most " + n.cutoff() + " tokens as a whole sequence (" + n.tokenizer()
                        + " tokenizer); longer ones were dropped, never truncated.\n"
                : "No length bound was applied.\n";
    }

    static String openaiReadme(Notes n, boolean validation) {
        String warning = n.stripsReasoning()
                ? "\n**Do not train TRL (conversational) or any trainer that applies this student's chat template on these "
                        + "files**: the template (" + n.template() + ") removes everything up to `</think>` from assistant "
                        + "turns, so the student would learn to answer without reasoning. Use `../trl` (prompt/completion, "
                        + "template already applied) or `../llamafactory` instead.\n"
                : "";
        return "# Chat messages (OpenAI, Together, TRL conversational)\n\n"
                + "One `{\"messages\": [{\"role\": \"user\", ...}, {\"role\": \"assistant\", ...}]}` per line. The assistant "
                + "message is the pruned reasoning inside `<think>...</think>`, then the final answer.\n\n"
                + cutoffLine(n) + warning + "\n"
                + "- OpenAI: upload `train.jsonl` (purpose `fine-tune`)" + (validation ? " and `validation.jsonl`" : "")
                + ", then create a job with `training_file`" + (validation ? " and `validation_file`" : "") + ".\n"
                + "- Together: `together files upload train.jsonl`, then `together fine-tuning create --training-file FILE_ID "
                + "--model MODEL`.\n"
                + "- TRL: `load_dataset(\"json\", data_files=\"train.jsonl\")` into `SFTTrainer` (it applies the tokenizer's "
                + "chat template; see above).\n";
    }

    static String trlReadme(Notes n, boolean validation) {
        String files = validation ? "{\"train\": \"train.jsonl\", \"validation\": \"validation.jsonl\"}" : "{\"train\": \"train.jsonl\"}";
        return "# TRL prompt/completion\n\n"
                + "One `{\"prompt\": TEXT, \"completion\": TEXT}` per line, with the student's chat template already applied "
                + "(" + n.template() + "): the prompt ends with the template's generation prefix (what the student sees at "
                + "inference), the completion is what the student generates (the pruned reasoning, `</think>`, the answer) "
                + "and ends with the end-of-sequence token. The prompt is masked, the completion trained.\n\n"
                + cutoffLine(n) + "\n"
                + "```python\n"
                + "from datasets import load_dataset\n"
                + "from trl import SFTConfig, SFTTrainer\n\n"
                + "data = load_dataset(\"json\", data_files=" + files + ")\n"
                + "trainer = SFTTrainer(\n"
                + "    model=\"MODEL\",  # the student, e.g. deepseek-ai/DeepSeek-R1-Distill-Qwen-7B\n"
                + "    train_dataset=data[\"train\"],\n"
                + (validation ? "    eval_dataset=data[\"validation\"],\n" : "")
                + "    args=SFTConfig(completion_only_loss=True, max_length=" + (n.cutoff() > 0 ? n.cutoff() : "None")
                + ", learning_rate=3e-5, num_train_epochs=3,\n"
                + "                   lr_scheduler_type=\"cosine\", warmup_ratio=0.1, bf16=True, output_dir=\"out\"),\n"
                + ")\n"
                + "trainer.train()\n"
                + "```\n\n"
                + "The texts are plain strings (not messages), so TRL does not apply a chat template again; they already "
                + "carry the template's special tokens. The completion ends with the end-of-sequence token, so TRL adds "
                + "none. If your tokenizer adds a BOS token by itself, the prompt's own BOS would be doubled: check "
                + "`tokenizer(prompt).input_ids[:2]`.\n";
    }

    static String llamaFactoryReadme(Notes n, boolean validation) {
        String name = n.datasetName();
        return "# LLaMA-Factory (ShareGPT format)\n\n"
                + "`" + LlamaFactoryExport.fileName(name) + "`: one `{\"conversations\": [{\"from\": \"human\", ...}, "
                + "{\"from\": \"gpt\", ...}]}` per line; `dataset_info.json` declares it as dataset `" + name + "`"
                + (validation ? " and the held-out problems as `" + name + "_validation`" : "")
                + " (keys as in LLaMA-Factory v0.9.5). The reply keeps its `<think>...</think>` block.\n\n"
                + cutoffLine(n) + "\n"
                + "```yaml\n"
                + "model_name_or_path: MODEL          # the student, e.g. deepseek-ai/DeepSeek-R1-Distill-Qwen-7B\n"
                + "stage: sft\n"
                + "do_train: true\n"
                + "finetuning_type: lora\n"
                + "dataset_dir: THIS_FOLDER\n"
                + "dataset: " + name + "\n"
                + (validation ? "eval_dataset: " + name + "_validation\n" : "")
                + "template: deepseekr1               # LLaMA-Factory's template for the student\n"
                + "enable_thinking: true              # keep the reasoning in the loss\n"
                + "cutoff_len: " + (n.cutoff() > 0 ? n.cutoff() : 4096) + "\n"
                + "learning_rate: 3.0e-5\n"
                + "num_train_epochs: 3\n"
                + "lr_scheduler_type: cosine\n"
                + "warmup_ratio: 0.1\n"
                + "bf16: true\n"
                + "output_dir: out\n"
                + "```\n\n"
                + "Run `llamafactory-cli train THAT.yaml`. Set `cutoff_len` to at least drp's cutoff: LLaMA-Factory cuts a "
                + "longer sequence, response included (answer and end-of-sequence token first when the response is the "
                + "longer part). Its `deepseekr1` template puts `<｜Assistant｜>` at the end of the prompt and trains "
                + "`<think>\\n` as part of the response, where the HuggingFace template prefills it: the token sequence is "
                + "the same.\n";
    }

    static String renderedReadme(Notes n) {
        return "# Rendered training sequences\n\n"
                + "For inspection (`drp sft show DIR`): each example as the student's tokenizer sees it, rendered through "
                + n.template() + ". In `train.txt` the loss region (what the student is trained to generate) lies between `"
                + RenderedTextExport.LOSS_START + "` and `" + RenderedTextExport.LOSS_END + "`; everything before it is "
                + "the masked prompt. `train.jsonl` holds the same as records: id, prompt, completion, prompt_tokens, "
                + "completion_tokens.\n";
    }
}
