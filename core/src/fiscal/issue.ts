/** A problem found in fiscal data; same shape as a validation Finding so rules can pass it through. */
export interface FiscalIssue {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  messageEn: string;
}
