export * from './gemini-fake';
