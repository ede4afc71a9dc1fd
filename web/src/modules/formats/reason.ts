/** Format reasons in kk / ru / en: the contract's zod-free renderer, shared with the server. */
export * from '../../../../contracts/formats-reason.js';
