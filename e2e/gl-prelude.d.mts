/** Source of a script to prepend to localshelf-worker.js: defines `self.__glPrelude` in the worker. */
export declare const GL_PRELUDE: string
