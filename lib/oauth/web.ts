// Adapters from Web Requests (Next.js route files, tests) to the OAuth handlers.
import { errorResponse, OAuthError, type OAuthResponse } from "@/lib/oauth/errors";
import { fromWebRequest, type OAuthRequest } from "@/lib/oauth/request";

export function toWebResponse(response: OAuthResponse): Response {
  return new Response(response.body, { status: response.status, headers: response.headers });
}

export function webHandler(handler: (request: OAuthRequest) => Promise<OAuthResponse>) {
  return async (request: Request): Promise<Response> => {
    try {
      return toWebResponse(await handler(await fromWebRequest(request)));
    } catch (error) {
      if (error instanceof OAuthError) return toWebResponse(errorResponse(error));
      throw error;
    }
  };
}
