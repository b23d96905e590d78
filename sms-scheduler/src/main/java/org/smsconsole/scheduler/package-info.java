package org.smsconsole.scheduler;
