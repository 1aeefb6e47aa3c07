/**
 * The build thread (see build-thread.ts): runs the build and posts its
 * progress and report.
 */
import {parentPort, workerData} from 'node:worker_threads'
import {runBuild} from './build-run.js'
import {storeFile, type BuildReply, type BuildRequest} from './build-thread.js'
import {UsageError} from './usage.js'

const request = workerData as BuildRequest
const post = (reply: BuildReply) => parentPort!.postMessage(reply)

try {
  const {files, ...summary} = await runBuild(request, request.progress ? (progress) => post({progress}) : undefined)
  post({report: {...summary, files: files.map(storeFile)}})
} catch (error) {
  if (error instanceof UsageError) post({usage: {message: error.message, files: error.files.map(storeFile)}})
  else post({failure: error instanceof Error ? (error.stack ?? error.message) : String(error)})
}
