// Recorded ImageNet networks on the 92 white-background images (cnn_92images): every layer's RDM (1 − Pearson r
// of its activations), read from the MATLAB v5 files, so deep-network layer profiles need no weights.
import { InputError } from '../../core/input-error.ts';
import { matToMatrix, readMat, matDescribe } from '../mat.ts';
import { datasetFile, verifyDataset } from '../registry.ts';
import { condenseBlock } from './square-rdms.ts';

/** Registry id of the recorded networks. */
export const RECORDED_NETWORKS_DATASET = 'cnn_92images';

/** The recorded networks and their layers, in depth order. */
export const RECORDED_NETWORKS: readonly { id: string; title: string; layers: readonly string[] }[] = [
  { id: 'alexnet', title: 'AlexNet', layers: ['conv1', 'conv2', 'conv3', 'conv4', 'conv5', 'fc6', 'fc7', 'fc8'] },
  { id: 'vgg', title: 'VGG-16', layers: ['maxpool1', 'maxpool2', 'maxpool3', 'maxpool4', 'maxpool5', 'fc6', 'fc7', 'fc8'] },
  { id: 'resnet', title: 'ResNet', layers: ['block1', 'block2', 'block3', 'block4', 'fc'] },
];

/** One network's layer RDMs (condensed, 4186 values each) in depth order. */
export interface RecordedNetworkRdms {
  id: string;
  title: string;
  layers: { name: string; rdm: Float64Array }[];
  dataset: { id: string; checksum: string };
}

/** The layer RDMs of recorded network `id` (checksum-verified). */
export function loadRecordedNetwork(id: string): RecordedNetworkRdms {
  const network = RECORDED_NETWORKS.find((n) => n.id === id);
  if (!network) throw new Error(`unknown recorded network '${id}' (known: ${RECORDED_NETWORKS.map((n) => n.id).join(', ')})`);
  const checksum = verifyDataset(RECORDED_NETWORKS_DATASET);
  const layers = network.layers.map((name) => {
    const file = datasetFile(RECORDED_NETWORKS_DATASET, `rdms/${id}/${name}.mat`);
    const value = readMat(file).EVC_RDMs;
    if (value === undefined || value.type !== 'numeric' || value.dims.length !== 2 || value.dims[0] !== 92 || value.dims[1] !== 92) {
      throw new InputError(`EVC_RDMs should be a 92×92 numeric matrix, got ${value ? matDescribe(value) : 'nothing'}`, { file });
    }
    return { name, rdm: condenseBlock(matToMatrix(value).data, 0, 92, file, 'EVC_RDMs') };
  });
  return { id, title: network.title, layers, dataset: { id: RECORDED_NETWORKS_DATASET, checksum } };
}

/** The folder of recorded AlexNet activations (conv5, fc6, fc7, fc8 .npy and file_names.txt), thingsvision's layout. */
export function alexnetFeaturesFolder(): string {
  return datasetFile(RECORDED_NETWORKS_DATASET, 'alexnet_features/file_names.txt').replace(/[\\/]file_names\.txt$/, '');
}
