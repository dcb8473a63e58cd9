export * from './ollama-fake';
