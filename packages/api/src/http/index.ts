export { retryAfterOf } from '../errors';
export { BodyTooLargeError, readBodyBytes, readBodyText } from './read-body';
export { clientIp, crossOriginRefusal, hasMediaType, isHttps, jsonError } from './request-guard';
export { handleTrpcRequest, type TrpcHandlerOptions } from './trpc-handler';
export { sessionCookieName } from './session-cookie';
export { handleUploadRequest } from './upload-route';
export { safeRedirectPath } from './safe-redirect';
