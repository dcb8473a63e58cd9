/** The one body shape of every 4xx and 5xx answer of the API. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  /** Every problem found, when a request failed validation on several fields. */
  details?: string[];
  request_id?: string;
}
