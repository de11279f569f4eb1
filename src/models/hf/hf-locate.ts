// Finding an `hf:` model on disk and making its layers readable: the folder (local, or a hub download in the
// cache), what it holds (text model, picture model, or a two-tower model's chosen tower) and the prepared copy
// with every hidden state exposed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDirectory } from '../../core/cache-dir.ts';
import { modelFolder } from './hf-files.ts';
import { hfModelKind, type HfKind, type Tower } from './hf-kind.ts';
import { prepareModel, type PreparedModel } from './hf-prepare.ts';
import { offlineFromEnv, resolveHfSource } from './hf-source.ts';

/** Where and what an `hf:` model is. */
export interface LocatedHfModel {
  folder: string;
  kind: HfKind;
  prepared: PreparedModel;
  /** config.json's model_type, when it has one. */
  modelType?: string;
  cacheDir: string;
}

/** Locate and prepare `hf:<spec>` (a hub id or a folder); InputError on '--model' or '--tower' when it cannot be used. */
export async function locateHfModel(spec: string, options: { cacheDir?: string; offline?: boolean; tower?: Tower }): Promise<LocatedHfModel> {
  const cacheDir = options.cacheDir ?? cacheDirectory();
  const offline = options.offline ?? offlineFromEnv();
  const source = resolveHfSource(spec);
  const folder = await modelFolder(source, cacheDir, offline, options.tower);
  const kind = hfModelKind(folder, spec, options.tower);
  const prepared = await prepareModel(folder, cacheDir, kind.file);
  let modelType: string | undefined;
  try {
    modelType = (JSON.parse(readFileSync(join(folder, 'config.json'), 'utf8')) as { model_type?: string }).model_type;
  } catch {
    modelType = undefined;
  }
  return { folder, kind, prepared, cacheDir, ...(modelType ? { modelType } : {}) };
}
