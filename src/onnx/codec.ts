import { HintedError } from '../core/serialized-error.js';
import { type GraphProto, type IModelProto, type ModelProto, onnx } from './proto.js';

/**
 * ModelProto <-> bytes. Decoding is strict about what it accepts: protobuf is permissive enough
 * that many non-ONNX files decode "successfully" into an empty message, so a model without a
 * graph, an IR version or any opset import is rejected with a hint about what the bytes look like.
 */

const NOT_ONNX_HINT = 'pick an .onnx file exported by PyTorch (torch.onnx.export), tf2onnx or onnx itself';

/** A decoded model whose graph is known to be present (decoding rejects models without one). */
export type DecodedModel = ModelProto & { graph: GraphProto };

export function decodeModel(bytes: Uint8Array | ArrayBuffer): DecodedModel {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (u8.length === 0) throw new HintedError('the model file is empty (0 bytes)', 'check the download or the path; ' + NOT_ONNX_HINT);
  const lookalike = recogniseNonOnnx(u8);
  if (lookalike) throw new HintedError(`these bytes are not an ONNX model: they look like ${lookalike.what}`, lookalike.hint);
  let model: ModelProto;
  try {
    model = onnx.ModelProto.decode(u8);
  } catch (err) {
    throw new HintedError(
      `these ${u8.length} bytes are not an ONNX model (protobuf decoding failed: ${(err as Error).message})`,
      'the file may be truncated or not ONNX at all; ' + NOT_ONNX_HINT,
      { cause: err },
    );
  }
  const irVersion = Number(model.irVersion ?? 0);
  if (!model.graph || irVersion <= 0 || model.opsetImport.length === 0) {
    const missing = [!model.graph && 'graph', irVersion <= 0 && 'ir_version', model.opsetImport.length === 0 && 'opset_import'].filter(Boolean);
    throw new HintedError(`these ${u8.length} bytes are not an ONNX model (no ${missing.join(', ')})`, NOT_ONNX_HINT);
  }
  return model as DecodedModel;
}

/** Encode a model. protobufjs writes fields in declaration order, so equal models give equal bytes. */
export function encodeModel(model: IModelProto): Uint8Array {
  const err = onnx.ModelProto.verify(model);
  if (err) throw new HintedError(`cannot encode ONNX model: ${err}`, 'build the model with src/onnx/graph-builder.ts or fix the named field');
  // a fresh plain Uint8Array: in Node protobufjs returns a Buffer, possibly a view into its pool
  return new Uint8Array(onnx.ModelProto.encode(model).finish());
}

function recogniseNonOnnx(u8: Uint8Array): { what: string; hint: string } | undefined {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(u8.subarray(0, 64)).trimStart();
  if (head.startsWith('version https://git-lfs')) {
    return { what: 'a Git LFS pointer file, not the model itself', hint: 'run `git lfs pull` or download the real file' };
  }
  if (head.startsWith('{')) {
    return { what: 'JSON (a TensorFlow.js model.json?)', hint: 'load TF.js models with the tfjs runtime; pick the .onnx file for ORT' };
  }
  if (head.startsWith('<')) {
    return { what: 'HTML or XML (an error page saved instead of the model?)', hint: 'download the model file again' };
  }
  if (u8.length >= 8 && String.fromCharCode(...u8.subarray(4, 8)) === 'TFL3') {
    return { what: 'a TensorFlow Lite flatbuffer', hint: 'convert it to ONNX with tf2onnx (python -m tf2onnx.convert --tflite …)' };
  }
  if (u8[0] === 0x50 && u8[1] === 0x4b) {
    return { what: 'a zip archive (a PyTorch .pt checkpoint?)', hint: 'export it with torch.onnx.export, or unzip it and pick the .onnx inside' };
  }
  return undefined;
}
