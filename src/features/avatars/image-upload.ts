import { ApiError, validationMessage } from "../../lib/problem";

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/** Room for the multipart boundaries and part headers around a maximal image. */
const MAX_BODY_BYTES = MAX_IMAGE_BYTES + 64 * 1024;

export const IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

export const isImageType = (type: string): type is ImageType =>
  (IMAGE_TYPES as readonly string[]).includes(type);

export interface UploadedImage {
  bytes: Uint8Array;
  contentType: ImageType;
}

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
  bytes.length >= offset + signature.length &&
  signature.every((byte, index) => bytes[offset + index] === byte);
const ascii = (text: string) => Array.from(text, (char) => char.charCodeAt(0));

/**
 * The type is decided by the file's magic bytes alone: the declared content
 * type and the filename are the client's word (trusting them would let HTML
 * be served as an "image": stored XSS).
 */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "image/webp";
  return null;
}

/**
 * Passes the body through while counting; past `max` bytes the stream errors,
 * which cancels the upload instead of buffering whatever the client sends.
 */
function limitStream(body: ReadableStream<Uint8Array>, max: number) {
  let size = 0;
  let exceeded = false;
  const limited = body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size > max) {
          exceeded = true;
          controller.error(new ApiError("IMAGE_TOO_LARGE"));
          return;
        }
        controller.enqueue(chunk);
      },
    }),
  );
  return { limited, exceeded: () => exceeded };
}

/** Reads the multipart field `image` from a size-capped body and checks it is a real image. */
export async function readImageUpload(request: Request): Promise<UploadedImage> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType)) throw new ApiError("UNSUPPORTED_MEDIA_TYPE");
  // An honest Content-Length over the cap is refused before reading a byte.
  if (Number(request.headers.get("content-length")) > MAX_BODY_BYTES) {
    throw new ApiError("IMAGE_TOO_LARGE");
  }
  if (!request.body) throw new ApiError("MALFORMED_REQUEST");

  const { limited, exceeded } = limitStream(request.body, MAX_BODY_BYTES);
  let form: FormData;
  try {
    form = await new Response(limited, { headers: { "content-type": contentType } }).formData();
  } catch (error) {
    throw new ApiError(exceeded() ? "IMAGE_TOO_LARGE" : "MALFORMED_REQUEST", { cause: error });
  }
  const file = form.get("image");
  if (!(file instanceof File)) {
    throw new ApiError("VALIDATION_ERROR", {
      errors: [{ path: "image", message: validationMessage("image_missing") }],
    });
  }
  if (file.size > MAX_IMAGE_BYTES) throw new ApiError("IMAGE_TOO_LARGE");
  const bytes = new Uint8Array(await file.arrayBuffer());
  const detected = sniffImageType(bytes);
  if (!detected) throw new ApiError("BAD_IMAGE");
  return { bytes, contentType: detected };
}
