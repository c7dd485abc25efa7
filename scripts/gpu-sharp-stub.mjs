// transformers.js imports sharp for image inputs and refuses to load without it; the encoder reads text only.
export default function sharp() {
  throw new Error('sharp is not carried to the GPU machine: the encoder check reads text only');
}
