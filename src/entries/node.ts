/**
 * `model-catalog/node`: runs the Fetch API handlers on `node:http` and Express.
 *
 * @module model-catalog/node
 */
export { type NodeRequestListener, toNodeHandler } from '../server/to-node-handler.js';
