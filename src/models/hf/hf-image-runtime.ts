// A loaded `hf:` picture model: its image processor (from the model's own preprocessor_config.json, so resizing,
// cropping, rescaling and normalisation follow the model card; every resize is Pillow's, as in Hugging Face's
// Python processors) and the transformers.js model class on a prepared
// folder, with the facts the pooling needs (patch size, for the CLS and register tokens).
import { AutoImageProcessor, AutoModel, Tensor, type PreTrainedModel } from '@huggingface/transformers';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RgbImage } from '../../core/stimulus.ts';
import type { PreparedModel } from './hf-prepare.ts';
import { PillowImage } from './pillow-image.ts';

/** What a picture batch gives back: per hidden state, its dims and values. */
export interface ImageBatchOutput {
  states: { dims: number[]; data: Float32Array }[];
  /** The preprocessed input's height and width (after resize and crop). */
  inputSize: [number, number];
}

/** The processor, the model and their facts. */
export interface HfImageRuntime {
  model: PreTrainedModel;
  prepared: PreparedModel;
  /** preprocessor_config.json as the model ships it, and its sha256 (part of the cache key and revision). */
  preprocessorConfig: Record<string, unknown>;
  preprocessorSha256: string;
  /** The processor's class (e.g. ViTImageProcessor), for the provenance. */
  processorClass: string;
  /** Side of a patch for token models (config patch_size), undefined for CNNs. */
  patchSize?: number;
  /** Preprocess pictures with the model's processor: pixel_values [batch, channels, height, width]. */
  preprocess(pictures: readonly RgbImage[]): Promise<{ dims: number[]; data: Float32Array }>;
  /** Run one batch of preprocessed pictures; every hidden state's output. */
  forward(pixels: { dims: number[]; data: Float32Array }): Promise<ImageBatchOutput>;
}

interface VisionConfig {
  patch_size?: number;
  vision_config?: { patch_size?: number };
}

interface OutputTensor {
  data: unknown;
  dims: number[];
}

/** Load the processor from `folder` and the model class from the prepared folder (fp32, CPU; `file` names the ONNX file). */
export async function loadImageRuntime(folder: string, prepared: PreparedModel, file: string): Promise<HfImageRuntime> {
  const configText = readFileSync(join(folder, 'preprocessor_config.json'), 'utf8');
  const preprocessorConfig = JSON.parse(configText) as Record<string, unknown>;
  const config = JSON.parse(readFileSync(join(prepared.folder, 'config.json'), 'utf8')) as VisionConfig;
  const processor = await AutoImageProcessor.from_pretrained(folder);
  const model = await AutoModel.from_pretrained(prepared.folder, { dtype: 'fp32', device: 'cpu', ...(file !== 'model' ? { model_file_name: file } : {}) });
  return {
    model, prepared, preprocessorConfig, processorClass: processor.constructor.name,
    preprocessorSha256: createHash('sha256').update(configText).digest('hex'),
    patchSize: config.vision_config?.patch_size ?? config.patch_size,
    async preprocess(pictures) {
      const images = pictures.map((p) => PillowImage.of(p));
      const { pixel_values } = (await processor(images)) as { pixel_values: OutputTensor };
      return { dims: pixel_values.dims, data: pixel_values.data as Float32Array };
    },
    async forward(pixels) {
      const outputs = (await model({ pixel_values: new Tensor('float32', pixels.data, pixels.dims) })) as Record<string, OutputTensor>;
      const states = prepared.hiddenStates.map((name) => {
        const out = outputs[name];
        if (!out) throw new Error(`the model gave no output '${name}' (a hidden state it should expose)`);
        if (!(out.data instanceof Float32Array)) throw new Error(`output '${name}' is not float32; Attune loads fp32 exports`);
        if (out.dims[0] !== pixels.dims[0]) throw new Error(`hidden state '${name}' has shape [${out.dims.join(', ')}], expected ${pixels.dims[0]} pictures first`);
        return { dims: out.dims, data: out.data };
      });
      return { states, inputSize: [pixels.dims[2], pixels.dims[3]] };
    },
  };
}
