/** The build thread (see build-thread.ts): loads the project, builds, and posts the report. */
import path from 'node:path'
import {parentPort, workerData} from 'node:worker_threads'
import {buildProject} from './build.js'
import {storeFile, type BuildReply, type BuildRequest} from './build-thread.js'
import {loadProject, UsageError} from './project.js'

const request = workerData as BuildRequest
const post = (reply: BuildReply) => parentPort!.postMessage(reply)

try {
  const project = await loadProject(request.configPath)
  const {files, ...summary} = await buildProject(project, {
    outDir: request.outDir,
    only: request.only ? new Set(request.only) : null,
    now: new Date(request.now),
    version: request.version,
    jobs: request.jobs,
    configPath: path.resolve(request.configPath),
    onProgress: request.progress ? (progress) => post({progress}) : undefined
  })
  post({report: {...summary, files: files.map(storeFile)}})
} catch (error) {
  if (error instanceof UsageError) post({usage: {message: error.message, files: error.files.map(storeFile)}})
  else post({failure: error instanceof Error ? (error.stack ?? error.message) : String(error)})
}
