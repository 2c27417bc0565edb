/** Re-exports the API client for the views that import it from here. */
export { ApiFailure, api, call, client, setToken, token } from "./api/client.js";
